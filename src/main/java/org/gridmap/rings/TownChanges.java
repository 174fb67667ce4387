package org.gridmap.rings;

import org.gridmap.changes.DataChange;
import org.locationtech.jts.geom.Envelope;

/**
 * Where the feed's changes to the towns' rows lie, until the engine's worker takes them. Another node's grid edit
 * arrives as updates of grids, facilities and households with their boxes: those towns are recomputed ({@link
 * RingEngine#refreshTowns}), not the whole city (a minute at 1,000 towns). A change of staff alone (it has no box)
 * touches only the contact cards: they are read again, and nothing of the rings. Rows added or removed (but grids,
 * which a town's refresh reads whole), villages, towns and a resynchronised feed make it the whole town model.
 * Whether anything was noted is kept under the same lock as the area, as {@link RoadBoxes} does: a change noted while
 * the worker takes them is either taken whole or left whole for the next run, never the flag without its area.
 */
final class TownChanges {
    private final Envelope area = new Envelope();
    private boolean noted, anywhere, staff;

    /** What the worker takes: whether anything was noted, the area of the towns to refresh, anywhere, staff changed. */
    record Taken(boolean any, Envelope area, boolean anywhere, boolean staff) { }

    synchronized void note(DataChange c) {
        noted = true;
        boolean resync = "RESYNC".equals(c.op());
        if (c.table().equals("staff") && !resync) {
            staff = true;
            return;
        }
        boolean byArea = !c.isEverything() && switch (c.table()) {
            case "grids" -> true;
            case "facilities", "households" -> "UPDATE".equals(c.op());
            default -> false;
        };
        if (byArea) area.expandToInclude(c.bounds());
        else anywhere = true;
    }

    /** What was noted since the last call. */
    synchronized Taken take() {
        Taken out = new Taken(noted, new Envelope(area), anywhere, staff);
        area.setToNull();
        noted = anywhere = staff = false;
        return out;
    }
}
