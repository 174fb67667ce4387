package org.gridmap.grids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/**
 * What an edit set will do, whichever operation produced it (a raw edit, reshape, split, merge, a facility
 * move, an imported file, a revert). One executor checks and applies every plan the same way.
 */
public final class EditPlan {
    /** A grid the set creates; {@code id} is null for a new grid, or the old id when a revert restores it. */
    public record NewGrid(Long id, String code, String name, String kind, long villageId, MultiPolygon geom) { }

    /** A facility change: a new place and/or a new level and code (a hub demoted in a merge, a point promoted in a split). */
    public record FacilityChange(long id, Point geom, String level, String code, Long gridId) { }

    public final String kind;
    public String message;
    /** The versions the client saw; a grid whose version moved on since is a conflict. */
    public final Map<Long, Long> expectedVersions = new LinkedHashMap<>();
    public final Map<Long, MultiPolygon> updated = new LinkedHashMap<>();
    public final List<NewGrid> created = new ArrayList<>();
    /** Removed grid → the grid that absorbs its facilities and staff (households follow their location). */
    public final Map<Long, Long> removed = new LinkedHashMap<>();
    public final Map<Long, FacilityChange> facilities = new LinkedHashMap<>();
    public final Map<Long, Long> facilityVersions = new LinkedHashMap<>();
    /** Facilities of these grids may change grid by location (a split hands the new part its points). */
    public final List<Long> reassignFacilitiesOf = new ArrayList<>();
    /** Staff rows to restore exactly (a revert), keyed by staff id; values are column → value. */
    public final Map<Long, Map<String, Object>> restoreStaff = new LinkedHashMap<>();
    public final List<String> warnings = new ArrayList<>();
    /** The edit this plan reverts, if it is a revert. */
    public Long reverts;

    public EditPlan(String kind) { this.kind = kind; }

    public boolean touchesGrids() { return !updated.isEmpty() || !created.isEmpty() || !removed.isEmpty(); }
}
