package org.gridmap.grids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.gridmap.changes.DataChange;
import org.locationtech.jts.geom.Envelope;

/**
 * Keeps the ring engine from rebuilding the town twice for one grid edit. The editor rebuilds the rings itself
 * right after its commit (its answer and the planner's next read must see the edit); the database then announces
 * the same transaction's rows on the change feed. This filter stands between the feed and the engine and drops
 * those echoes.
 *
 * <p>How an echo is recognised: an edit's transaction ends with its own announcement ({@link #MARK_TABLE}), and the
 * database delivers announcements in commit order. Every town announcement that arrives before an edit's mark
 * belongs to a transaction that committed before that edit did, so the rebuild the editor starts after its commit
 * covers it — if it lies in the towns that rebuild reads: the mark carries the edit's area, and the editor rebuilds
 * every town that area meets. From just before an edit commits until its mark arrives, town announcements are held
 * back; the mark drops them when its area covers them all, and passes them to the engine otherwise (a change elsewhere
 * that committed meanwhile); an edit that does not commit releases them to the engine if no other edit will cover
 * them. A mark overdue by {@link #MARK_OVERDUE} is taken as lost, and what is held passes with the next change.
 * Roads and hazards always pass: the editor's rebuild does not reload them.
 */
public final class EditEchoes {
    /** The table name an edit's own announcement carries; no layer or engine is fed by it. */
    public static final String MARK_TABLE = "grid_edit_committed";
    /** The op of the changes the editor publishes in this process after its rebuild: already in the rings. */
    static final String OWN_EDIT = "EDIT";
    private static final Set<String> TOWN = Set.of("towns", "villages", "grids", "facilities", "households", "staff");

    /** A mark later than this after its commit was lost (the feed was not listening): stop waiting for it. */
    static final Duration MARK_OVERDUE = Duration.ofSeconds(10);

    private final Consumer<DataChange> engine;
    private final Clock clock;
    /** Edits that are committing or committed and whose mark has not arrived (a mark may beat the editor's own return). */
    private int marksToCome;
    private Instant lastStart = Instant.MIN;
    private DataChange held;

    /** {@code engine} is the ring engine's change handler; subscribe {@link #accept} to the feed in its place. */
    public EditEchoes(Consumer<DataChange> engine) { this(engine, Clock.systemUTC()); }

    EditEchoes(Consumer<DataChange> engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** A change from the feed (or published in this process): passed on to the engine unless it is an echo. */
    public void accept(DataChange change) {
        DataChange pass = pass(change);
        if (pass != null) engine.accept(pass);
    }

    synchronized DataChange pass(DataChange change) {
        if (change.table().equals(MARK_TABLE)) {
            if (marksToCome > 0) marksToCome--;
            // committed before the edit: its rebuild covers what lies in the area it rebuilds (a mark without one: all)
            DataChange release = held == null || change.isEverything() || change.bounds().covers(held.bounds()) ? null : held;
            held = null;
            return release;
        }
        if (change.isEverything()) {
            // the feed lost messages (marks too): start afresh, the engine rebuilds everything
            marksToCome = 0;
            held = null;
            return change;
        }
        if (!TOWN.contains(change.table())) return change;
        if (OWN_EDIT.equals(change.op())) return null;
        if (forgetOverdueMarks()) held = null;   // this change passes and asks for the same rebuild
        if (marksToCome == 0) return change;
        held = held == null ? change : new DataChange(change.table(), change.op(), union(held.bounds(), change.bounds()));
        return null;
    }

    private static Envelope union(Envelope a, Envelope b) {
        Envelope u = new Envelope(a);
        u.expandToInclude(b);
        return u;
    }

    /** An edit is about to commit: its mark will follow, and announcements until then may be echoes. */
    void starting() {
        DataChange release;
        synchronized (this) {
            release = forgetOverdueMarks() ? held : null;
            if (release != null) held = null;
            marksToCome++;
            lastStart = clock.instant();
        }
        if (release != null) engine.accept(release);
    }

    /** The edit did not commit: no mark will come; what was held goes to the engine if no other edit covers it. */
    void abandoned() {
        DataChange release;
        synchronized (this) {
            if (marksToCome > 0) marksToCome--;
            if (marksToCome > 0 || held == null) return;
            release = held;
            held = null;
        }
        engine.accept(release);
    }

    /** The editor could not rebuild the rings after its commit: the engine rebuilds from the feed instead. */
    void rebuildFailed() { engine.accept(DataChange.everything("grids")); }

    /**
     * Marks the feed should have delivered long ago were lost (it was not listening when they were sent; a
     * reconnect announces everything anyway): held changes are then no longer known to be covered.
     */
    private boolean forgetOverdueMarks() {
        if (marksToCome == 0 || clock.instant().isBefore(lastStart.plus(MARK_OVERDUE))) return false;
        marksToCome = 0;
        return true;
    }
}
