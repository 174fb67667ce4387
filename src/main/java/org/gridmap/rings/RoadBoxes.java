package org.gridmap.rings;

import java.util.ArrayList;
import java.util.List;
import org.gridmap.changes.DataChange;
import org.locationtech.jts.geom.Envelope;

/**
 * Where the feed's road changes lie, until the engine's worker takes them. Updates with a box are kept box by box, not
 * merged into one: two edits at the two ends of a city read the roads of two small boxes, not of the city between them.
 * An insert, a delete or a change without a box (the feed resynchronised) means the network is to be loaded again.
 * Whether anything was noted is kept here too, under the same lock as the boxes: a change noted while the worker
 * takes them is either taken whole or left whole for the next run, never half.
 */
final class RoadBoxes {
    /** More boxes than this in one burst are merged into one (a bulk update reads one box, or loads again). */
    private static final int MAX_BOXES = 64;
    private final List<Envelope> boxes = new ArrayList<>();
    private boolean anywhere, noted;

    /** What the worker takes: nothing noted, some boxes, or (boxes null) roads changed anywhere. */
    record Taken(boolean any, List<Envelope> boxes) { }

    synchronized void note(DataChange c) {
        noted = true;
        if (c.isEverything() || !"UPDATE".equals(c.op())) {
            anywhere = true;
            return;
        }
        boxes.add(new Envelope(c.bounds()));
        if (boxes.size() > MAX_BOXES) {
            Envelope all = new Envelope();
            for (Envelope b : boxes) all.expandToInclude(b);
            boxes.clear();
            boxes.add(all);
        }
    }

    /** What was noted since the last call. */
    synchronized Taken take() {
        Taken out = new Taken(noted, anywhere ? null : List.copyOf(boxes));
        boxes.clear();
        anywhere = noted = false;
        return out;
    }
}
