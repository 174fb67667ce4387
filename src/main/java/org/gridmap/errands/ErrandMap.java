package org.gridmap.errands;

import java.time.Instant;
import java.util.List;

/** The values of errands on the map. */
public final class ErrandMap {
    private ErrandMap() { }

    /**
     * Which open errands an account sees one by one: all of them ({@code all}, an admin), or those of the grids it
     * serves in, of its whole village when it leads a grid (the station's view until stations have staff of their
     * own), and those it holds or is being handed.
     */
    public record Scope(boolean all, long userId) { }

    /**
     * The facility where an errand is held at {@code stage}: the service point (filed), the grid's hub, the
     * village's station, the town's service center (the department's window). {@code code} is null when the town
     * lacks that facility; the grid's inner point then stands in.
     */
    public record Place(String stage, String code, String name, String level, double lon, double lat) { }

    /** An errand's way so far: the places of its levels and every hand-off between them, judged at {@code at}. */
    public record Path(Errands.Errand errand, List<Place> places, List<Errands.Handoff> handoffs, boolean overdue,
                       Instant at) { }
}
