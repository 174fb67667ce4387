package org.gridmap.grids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.locationtech.jts.geom.Coordinate;

/** The service of the edit history: the log per grid and town-wide, one edit set, and the plan that reverts one. */
public final class EditHistory {
    private final DataSource db;
    private static final ObjectMapper JSON = new ObjectMapper();

    public EditHistory(DataSource db) { this.db = db; }

    /** The town-wide log, newest first. */
    public List<Map<String, Object>> list(int limit, long offset) throws SQLException {
        return Sql.read(db, c -> EditHistorySql.log(c, null, limit, offset));
    }

    /** A grid's edits, newest first, each with that grid's shape before and after (GeoJSON), read in one statement. */
    public List<Map<String, Object>> ofGrid(long gridId, int limit) throws SQLException {
        return Sql.read(db, c -> EditHistorySql.log(c, gridId, limit, 0));
    }

    /** One edit set with every grid's shape before and after (GeoJSON), for the history view. */
    public Map<String, Object> detail(long editId) throws SQLException {
        return Sql.read(db, c -> EditHistorySql.edit(c, editId)).orElseThrow(() -> noEdit(editId));
    }

    /**
     * The edit set that undoes {@code editId}: every grid back to its shape before, grids it created removed,
     * grids it removed restored under their old id and code, facilities and staff back where they were.
     * Refused (409) when a later edit touched the same grids or facilities, unless an admin forces it.
     *
     * <p>Runs inside the editor's transaction ({@link GridEditor#revert}): the reverted set's row is locked first, so a second revert of it
     * waits and then finds it reverted; and the plan expects every grid and facility at the version the reverted
     * set left it, so an edit committing meanwhile makes the revert a 409 instead of being silently undone.
     */
    static EditPlan revertPlan(Connection c, long editId, boolean force) throws SQLException {
        Long revertedBy = Sql.one(c, EditHistorySql.LOCK_EDIT, rs -> java.util.Optional.ofNullable((Long) rs.getObject("reverted_by", Long.class)),
                editId).orElseThrow(() -> noEdit(editId)).orElse(null);
        if (revertedBy != null) {
            throw new ApiException(409, "already_reverted", "Edit " + editId + " was already reverted by edit " + revertedBy)
                    .says("grids.already_reverted", Map.of("id", editId, "by", revertedBy));
        }
        List<EditHistorySql.RecordedGrid> grids = Sql.query(c, EditHistorySql.REVERT_GRIDS, EditHistorySql.RECORDED_GRID, editId);
        List<String> later = Sql.query(c, EditHistorySql.LATER_EDITS, rs -> Long.toString(rs.getLong("id")), editId,
                grids.stream().map(EditHistorySql.RecordedGrid::id).toArray(Long[]::new), editId);
        if (!later.isEmpty() && !force) {
            throw new ApiException(409, "later_edits", "Later edits (" + String.join(", ", later) + ") changed the same grids; "
                    + "revert those first, or an admin may force this revert.", Map.of("laterEdits", later))
                    .says("grids.later_edits", Map.of("later", String.join(", ", later)));
        }
        EditPlan plan = new EditPlan("revert");
        plan.reverts = editId;
        plan.message = "revert of edit " + editId;
        for (EditHistorySql.RecordedGrid g : grids) {
            // forced: the admin chose to override whatever came later, so no version is expected
            if (g.after() != null && g.afterVersion() != null && !force) plan.expectedVersions.put(g.id(), g.afterVersion());
            if (g.before() != null && g.after() != null) {
                plan.updated.put(g.id(), g.before());
            } else if (g.after() == null) {
                plan.created.add(new EditPlan.NewGrid(g.id(), g.code(), g.name(), g.kind(), g.villageId(), g.before()));
            }
        }
        for (EditHistorySql.RecordedGrid g : grids) {
            if (g.before() != null) continue;
            // a grid the edit created goes back into the grid whose old shape held it
            Coordinate inside = g.after().getInteriorPoint().getCoordinate();
            Long into = null;
            for (EditHistorySql.RecordedGrid o : grids) {
                if (o.before() != null && o.before().covers(GeoJsonGeometry.GF.createPoint(inside))) into = o.id();
            }
            if (into == null) {
                throw new ApiException(409, "revert_ambiguous", "Cannot tell which grid takes back grid " + g.code())
                        .says("grids.revert_ambiguous", Map.of("code", g.code()));
            }
            plan.removed.put(g.id(), into);
        }
        for (EditHistorySql.RecordedFacility f : Sql.query(c, EditHistorySql.REVERT_FACILITIES, EditHistorySql.RECORDED_FACILITY, editId)) {
            if (f.afterVersion() != null && !force) plan.facilityVersions.put(f.id(), f.afterVersion());
            JsonNode b = f.before();
            plan.facilities.put(f.id(), new EditPlan.FacilityChange(f.id(),
                    GeoJsonGeometry.GF.createPoint(new Coordinate(b.get("lon").asDouble(), b.get("lat").asDouble())),
                    b.get("level").asText(), b.get("code").asText(), b.get("gridId").isNull() ? null : b.get("gridId").asLong()));
        }
        List<Map.Entry<Long, String>> staff = Sql.query(c, EditHistorySql.REVERT_STAFF,
                rs -> Map.entry(rs.getLong("staff_id"), rs.getString("before")), editId);
        for (Map.Entry<Long, String> s : staff) plan.restoreStaff.put(s.getKey(), staffRow(s.getValue()));
        return plan;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> staffRow(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException noEdit(long id) {
        return ApiException.notFound("No edit " + id).says("grids.no_edit", Map.of("id", id));
    }
}
