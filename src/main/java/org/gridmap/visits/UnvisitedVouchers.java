package org.gridmap.visits;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.gridmap.changes.AccessChange;

/**
 * What this node may vouch for, for a while, after the database said so: that a session's reader may see a grid's
 * unvisited households of a month, that the grid's change number (V30) is still the one the database gave, and that
 * the reader's view of the grid and month is already logged ({@code visit_data_reads}, one row a view in
 * {@link VisitTileSql#LOG_MINUTES} minutes). While all three hold, a kept tile is answered with no database round
 * trip at all: the database would have found the same reader, the same number, and logged nothing.
 *
 * <p>Each fact is dropped as soon as the node hears it changed (the change feed's {@code gridmap_access}, V33, and
 * this node's own writes at once), and none outlives {@link #MAX_AGE_NANOS}, the session's expiry or the view's log
 * window. While the feed is deaf (lost connection) nothing is vouched for and everything held is dropped. So a
 * logout, a visit or a staff change made on another node takes effect here once the feed delivers it — milliseconds
 * — rather than on the very next request: the one trade made for answering a kept tile from memory.
 *
 * <p>A check and the announcements race: a check begun before a change and stored after the change was heard would
 * vouch for the old state. So every drop advances a generation, and a vouch is stored only if no drop happened
 * between the start of its check and its storing ({@link #put}).
 */
final class UnvisitedVouchers {
    /** At most this long on one check of the database, whatever the feed says: a bound on any fault of the feed. */
    static final long MAX_AGE_NANOS = 30_000_000_000L;
    private static final int MAX_ENTRIES = 50_000;

    record Key(ByteBuffer tokenHash, long grid, LocalDate month) {
        static Key of(byte[] tokenHash, long grid, Visits.Month m) { return new Key(ByteBuffer.wrap(tokenHash), grid, m.first()); }
    }

    /**
     * The reader (user id), the grid's number the database gave, the instants between which the view's log row covers
     * a read (the service's clock), and the monotonic deadline (check age, session expiry).
     */
    record Vouch(long user, long revision, Instant loggedFrom, Instant loggedUntil, long deadlineNanos) {
        boolean holdsAt(Instant now, long nanos) {
            return nanos - deadlineNanos < 0 && !now.isBefore(loggedFrom) && now.isBefore(loggedUntil);
        }
    }

    private final LinkedHashMap<Key, Vouch> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final BooleanSupplier hearing;
    private long generation;

    /** {@code hearing}: whether the change feed is listening now; nothing is vouched for while it is not. */
    UnvisitedVouchers(BooleanSupplier hearing) { this.hearing = hearing; }

    /** The vouch for the key if it still holds now, else null. */
    synchronized Vouch get(Key k, Instant now) {
        Vouch v = entries.get(k);
        if (v == null) return null;
        if (!hearing.getAsBoolean() || !v.holdsAt(now, System.nanoTime())) {
            entries.remove(k);
            return null;
        }
        return v;
    }

    /** The generation before a check: hand it to {@link #put}. */
    synchronized long generation() { return generation; }

    /** Stores the vouch unless something was dropped since {@code generation} or the feed is deaf. */
    synchronized void put(long generation, Key k, Vouch v) {
        if (generation != this.generation || !hearing.getAsBoolean()) return;
        entries.put(k, v);
        if (entries.size() > MAX_ENTRIES) {
            Iterator<Key> it = entries.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    /** Drops what the change makes unprovable. */
    synchronized void drop(AccessChange c) {
        generation++;
        if (c.isEverything()) {
            entries.clear();
            return;
        }
        Set<Long> ids = new HashSet<>();
        for (long id : c.ids()) ids.add(id);
        Iterator<Map.Entry<Key, Vouch>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Vouch> e = it.next();
            long id = c.kind() == AccessChange.Kind.GRIDS ? e.getKey().grid() : e.getValue().user();
            if (ids.contains(id)) it.remove();
        }
    }

    synchronized int size() { return entries.size(); }
}
