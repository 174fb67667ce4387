package org.gridmap.grids;

import java.util.Set;
import java.util.function.Consumer;
import org.gridmap.changes.DataChange;

/**
 * Keeps the ring engine from rebuilding the town twice for one grid edit. The editor rebuilds the rings itself
 * right after its commit (its answer and the planner's next read must see the edit); the database then announces
 * the same transaction's rows on the change feed. This filter stands between the feed and the engine and drops
 * those echoes.
 *
 * <p>How an echo is recognised: an edit's transaction ends with its own announcement ({@link #MARK_TABLE}), and the
 * database delivers announcements in commit order. Every town announcement that arrives before an edit's mark
 * belongs to a transaction that committed before that edit did, so the rebuild the editor starts after its commit
 * covers it. While an edit is under way or its mark has not arrived, town announcements are held back; its mark
 * drops them (covered), and an edit that does not commit releases them to the engine if no other edit will cover them.
 * Roads and hazards always pass: the editor's rebuild does not reload them.
 */
public final class EditEchoes {
    /** The table name an edit's own announcement carries; no layer or engine is fed by it. */
    public static final String MARK_TABLE = "grid_edit_committed";
    /** The op of the changes the editor publishes in this process after its rebuild: already in the rings. */
    static final String OWN_EDIT = "EDIT";
    private static final Set<String> TOWN = Set.of("towns", "villages", "grids", "facilities", "households", "staff");

    private final Consumer<DataChange> engine;
    private int underWay;
    private int marksToCome;
    private DataChange held;

    /** {@code engine} is the ring engine's change handler; subscribe {@link #accept} to the feed in its place. */
    public EditEchoes(Consumer<DataChange> engine) { this.engine = engine; }

    /** A change from the feed (or published in this process): passed on to the engine unless it is an echo. */
    public void accept(DataChange change) {
        DataChange pass = pass(change);
        if (pass != null) engine.accept(pass);
    }

    synchronized DataChange pass(DataChange change) {
        if (change.table().equals(MARK_TABLE)) {
            if (marksToCome > 0) marksToCome--;
            held = null;   // committed before the edit: its rebuild covers it
            return null;
        }
        if (change.isEverything()) {
            // the feed lost messages (marks too): start afresh, the engine rebuilds everything
            marksToCome = 0;
            held = null;
            return change;
        }
        if (!TOWN.contains(change.table())) return change;
        if (OWN_EDIT.equals(change.op())) return null;
        if (underWay + marksToCome == 0) return change;
        held = change;
        return null;
    }

    /** An edit is about to commit: announcements from now on may be its echoes. */
    synchronized void starting() { underWay++; }

    /** The edit committed; its mark is on its way. */
    synchronized void committed() {
        underWay--;
        marksToCome++;
    }

    /** The edit did not commit (refused, or a dry run): what was held for it goes to the engine if nothing else covers it. */
    void abandoned() {
        DataChange release;
        synchronized (this) {
            underWay--;
            if (underWay + marksToCome > 0 || held == null) return;
            release = held;
            held = null;
        }
        engine.accept(release);
    }

    /** The editor could not rebuild the rings after its commit: the engine rebuilds from the feed instead. */
    void rebuildFailed() { engine.accept(DataChange.everything("grids")); }
}
