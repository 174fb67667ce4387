package org.gridmap.rings;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.gridmap.changes.DataChange;
import org.gridmap.rings.graph.RoadGraph;
import org.gridmap.rings.graph.Snap;
import org.gridmap.rings.graph.Snapper;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the current {@link RingNetwork} and keeps it in step with the database. The road graph is loaded once;
 * what a change needs is redone and nothing more: a facility or household edit reuses the graph (and the
 * household snaps where possible), a road update that keeps every road's two ends is applied to the graph in place
 * and recomputed in the towns it touches ({@link #refreshRoads}), any other road edit reloads the network. Readers
 * always see one consistent snapshot (a volatile swap); rebuilds run on one background thread, coalescing bursts of
 * changes.
 *
 * <p>A reloaded road graph gets its hazard closures before anything is built on it, and is published only with
 * the network built on it: {@link #graph()} is the published network's graph, so nobody can see a graph whose
 * closures are still to come. (A hazard change closes edges of the published graph in place and then publishes
 * the recomputed network; see {@link #reapplyClosures}.)
 */
public final class RingEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RingEngine.class);
    private final DataSource db;
    private final RingPolicy policy;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gridmap-rings");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean hazardsDirty = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** One writer of the published network at a time: loads, refreshes, closures. Readers never take it. */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private volatile RingNetwork current;
    /** The published network's graph and snapper, for the rebuilds; guarded by {@link #lock}. */
    private RoadGraph graph;
    private Snapper snapper;
    /** The published graph's node ids, to match a road's ends in the database with the graph's. */
    private NetworkLoader.Loaded loaded;
    private RoadClosures closures;

    public RingEngine(DataSource db, RingPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    public RingPolicy policy() { return policy; }

    /**
     * Told how long each refresh of the rings took, by kind: {@code load}, {@code town}, {@code towns} (some),
     * {@code closures}, {@code roads} (roads updated in place).
     */
    public interface RefreshListener { void refreshed(String kind, long nanos); }

    private final java.util.List<RefreshListener> refreshListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void onRefresh(RefreshListener l) { refreshListeners.add(l); }

    private void tell(String kind, long startNanos) {
        long took = System.nanoTime() - startNanos;
        for (RefreshListener l : refreshListeners) l.refreshed(kind, took);
    }

    /** Roads closed by hazards are re-applied after every load of the road network; call before {@link #load}. */
    public RingEngine withClosures(RoadClosures closures) {
        this.closures = closures;
        return this;
    }

    /** Loads everything; call once before serving. */
    public RingEngine load() throws SQLException {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            NetworkLoader.Loaded l = loadRoads();
            RoadGraph g = l.graph();
            Snapper s = new Snapper(g);
            long t1 = System.nanoTime();
            rebuildTown(g, s);
            loaded = l;
            log.info("ring engine ready: {} nodes, {} edges loaded in {} ms; rings computed in {} ms",
                    g.nodeCount(), g.edgeCount(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            return this;
        } finally {
            lock.unlock();
        }
    }

    public RingNetwork network() {
        RingNetwork n = current;
        if (n == null) throw new IllegalStateException("the ring engine is not loaded");
        return n;
    }

    /** Recomputes at once from the database (after a write in this process, so its answer is already current). */
    public void refreshNow(boolean roadsChanged) throws SQLException {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            if (roadsChanged) {
                NetworkLoader.Loaded l = loadRoads();
                rebuildTown(l.graph(), new Snapper(l.graph()));
                loaded = l;
                tell("load", t0);
            } else {
                rebuildTown(graph, snapper);
                tell("town", t0);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Recomputes the towns an edit of grids or facilities inside {@code area} (lon/lat) reached — every town whose outline
     * meets it — from their rows alone ({@link TownReload}, {@link TownRings}); the rest of the city is shared with the
     * network before. A household or facility the network does not know (added since) makes it a full rebuild. Returns
     * the towns recomputed (empty after a full rebuild).
     */
    public List<TownReload.Town> refreshTowns(Envelope area) throws SQLException {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            RingNetwork old = current;
            TownRings.Rebuilt rebuilt = null;
            List<TownReload.Town> towns;
            try (java.sql.Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ); // one snapshot of the towns
                towns = TownReload.townsMeeting(c, area);
                Long[] ids = TownReload.ids(towns);
                TownModel base = towns.isEmpty() ? null : TownReload.grids(c, old.town, ids);
                if (base != null) rebuilt = TownRings.withFacilities(old, base, TownReload.facilities(c, ids));
                c.commit();
            }
            if (rebuilt == null) {
                rebuildTown(graph, snapper);
                tell("town", t0);
                return List.of();
            }
            townRefreshes.incrementAndGet();
            current = rebuilt.network();
            tell("towns", t0);
            return towns;
        } finally {
            lock.unlock();
        }
    }

    private final java.util.concurrent.atomic.AtomicLong townRefreshes = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Reads the grids' staff again, for the villagers' contact cards, and publishes the network with them: a change of
     * staff alone moves no ring, so the city is not read again for it (a minute at 1,000 towns).
     */
    public void refreshStaff() throws SQLException {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            java.util.Map<Long, List<TownModel.StaffCard>> staff = new java.util.HashMap<>();
            try (java.sql.Connection c = db.getConnection()) {
                TownModel.readStaff(c, null, staff);
            }
            RingNetwork old = current;
            current = old.withChain(old.town.withStaff(staff), old.chain(), new int[0]);
            staffRefreshes.incrementAndGet();
            tell("staff", t0);
        } finally {
            lock.unlock();
        }
    }

    private final java.util.concurrent.atomic.AtomicLong staffRefreshes = new java.util.concurrent.atomic.AtomicLong();

    /** How many times the staff alone were read again ({@link #refreshStaff}). */
    public long staffRefreshes() { return staffRefreshes.get(); }

    /** How many times some towns were recomputed from their rows alone ({@link #refreshTowns}). */
    public long townRefreshes() { return townRefreshes.get(); }

    /**
     * Makes the published graph's closed roads agree with the hazards in the database; recomputes the rings if they
     * changed. The edges change in place (no reload), so until the recomputed network is published a search may
     * already see the new closures with the previous rings.
     */
    public RoadClosures.Update reapplyClosures() throws SQLException {
        lock.lock();
        try {
            RoadClosures.Update u = closures == null ? RoadClosures.Update.NONE : closures.apply(graph);
            if (u.changed()) recompute();
            return u;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #reapplyClosures} unless the engine is busy for longer than {@link #WRITER_WAIT_MILLIS}: a reload of a
     * 1,000-town city holds it for a minute (every node reloads after a failover), and a writer must not wait for that
     * with its request. Then the worker applies the closures once the engine is free, and this answers null. The short
     * wait lets the common case — the worker's few milliseconds on another change — end with the closures applied.
     */
    public RoadClosures.Update reapplyClosuresUnlessBusy() throws SQLException {
        boolean held;
        try {
            held = lock.tryLock(WRITER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held = false;
        }
        if (!held) {
            hazardsDirty.set(true);
            schedule();
            return null;
        }
        try {
            return reapplyClosures();
        } finally {
            lock.unlock();
        }
    }

    /** How long a hazard's writer waits for the engine before its routing effect is left to the worker. */
    static final long WRITER_WAIT_MILLIS = 2_000;

    /** Runs {@code work} holding the engine, as a reload does: for operators' tools and tests of what waits for it. */
    public <T> T exclusively(java.util.concurrent.Callable<T> work) throws Exception {
        lock.lock();
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    /** The roads from the database with the hazard closures already applied: not yet visible to anyone. */
    private NetworkLoader.Loaded loadRoads() throws SQLException {
        NetworkLoader.Loaded l = NetworkLoader.loadWithIds(db);
        if (closures != null) closures.apply(l.graph());
        roadLoads.incrementAndGet();
        return l;
    }

    private final java.util.concurrent.atomic.AtomicLong roadLoads = new java.util.concurrent.atomic.AtomicLong(),
            roadRefreshes = new java.util.concurrent.atomic.AtomicLong();

    /** How many times the whole road network was read (the first load included). */
    public long roadLoads() { return roadLoads.get(); }

    /** How many road updates were applied in place ({@link #refreshRoads}), without reading the network again. */
    public long roadRefreshes() { return roadRefreshes.get(); }

    /**
     * Follows roads updated inside these boxes (lon/lat, as the change feed announces them). When the database has in
     * the boxes exactly the roads the graph has there, each between the same two nodes ({@link RoadEdits}), their new
     * attributes and geometry are set on the published graph in place and the rings recomputed in the towns (parts)
     * the edited edges lie in, as after a closure: the households and facilities on those edges or near them snap
     * again. Closed edges stay closed; a changed geometry may reach other hazards, so the closures are read again
     * then. Otherwise the network is loaded again. Returns whether it was applied in place.
     */
    public boolean refreshRoads(List<Envelope> boxes) throws SQLException {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            List<RoadEdits.Edit> edits;
            try (java.sql.Connection c = db.getConnection()) {
                edits = RoadEdits.plan(graph, loaded, snapper, policy.mode(policy.ring(4)), boxes, RoadEdits.read(c, boxes));
            }
            if (edits == null) {
                refreshNow(true);
                return false;
            }
            int[] edited = RoadEdits.apply(graph, edits);
            int[] resnap = edits.stream().filter(RoadEdits.Edit::snapsMove).mapToInt(RoadEdits.Edit::edge).toArray();
            if (edits.stream().anyMatch(x -> x.coords() != null) && closures != null) closures.apply(graph);
            if (edited.length > 0 || graph.closureChanges() > closureFlipsSeen) recompute(edited, resnap, "roads", t0);
            else tell("roads", t0);
            roadRefreshes.incrementAndGet();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Recomputes the rings over the current graph after edges were closed or reopened in place, in the towns (parts
     * of the graph) those edges lie in and nowhere else. The graph's log of closures says which edges flipped since
     * the last recompute, so no pass over the city's edges is needed; households keep where they meet the roads,
     * except those on a road closed now (they meet the next open one) and those near a road reopened since (it may be
     * nearest again), found near those roads: a city of ten million households re-snaps only a handful.
     */
    public void recompute() {
        recompute(new int[0], new int[0], "closures", System.nanoTime());
    }

    /**
     * The recompute after closures, also over edges whose attributes or geometry were set in place: their parts are
     * recomputed; where snaps may move ({@code resnap}), households and facilities on those edges snap again (as on a
     * closed edge), and so do those near them (as near a reopened one: it may be nearest now).
     */
    private void recompute(int[] edited, int[] resnap, String kind, long t0) {
        lock.lock();
        try {
            RingNetwork old = current;
            int[] flipped = graph.closuresChangedSince(closureFlipsSeen);
            closureFlipsSeen += flipped.length;
            java.util.Set<Integer> changed = new java.util.LinkedHashSet<>(); // a few edges: no array sized to the city
            RingNetwork.IntArrayBuilder closedNow = new RingNetwork.IntArrayBuilder(), reopenedNow = new RingNetwork.IntArrayBuilder();
            for (int e : flipped) {
                boolean is = graph.isClosed(e);
                if (changed.contains(e) || closedWhenBuilt.get(e) == is) continue;
                changed.add(e);
                closedWhenBuilt.set(e, is);
                (is ? closedNow : reopenedNow).add(e);
            }
            for (int e : edited) changed.add(e);
            for (int e : resnap) {
                closedNow.add(e);
                reopenedNow.add(e);
            }
            ClosureSnaps.Moved households = ClosureSnaps.households(snapper, old, closedNow.toArray(), reopenedNow.toArray());
            ClosureSnaps.Moved facilities = ClosureSnaps.facilities(snapper, old, closedNow.toArray(), reopenedNow.toArray());
            current = RingNetwork.rebuildParts(old, households, facilities, ClosureSnaps.touchedParts(old, changed, households, facilities));
            tell(kind, t0);
        } finally {
            lock.unlock();
        }
    }

    /** The closed edges when the published network was built (kept in step by each recompute). */
    private java.util.BitSet closedWhenBuilt = new java.util.BitSet();
    /** How many of the graph's closure flips the published network has taken in. */
    private int closureFlipsSeen;

    private final java.util.concurrent.atomic.AtomicLong townRebuilds = new java.util.concurrent.atomic.AtomicLong();

    /** How many times the town was read and every household snapped again (each costs a full pass over the town). */
    public long townRebuilds() { return townRebuilds.get(); }

    /** Builds the rings on this graph and publishes them together with it. */
    private void rebuildTown(RoadGraph g, Snapper s) throws SQLException {
        townRebuilds.incrementAndGet();
        TownModel town = TownModel.load(db);
        // cut before snapping: nothing may snap onto a road that joins two towns
        org.gridmap.rings.graph.Partitions parts = org.gridmap.rings.graph.Partitions.cut(g, town.nodeTowns(g));
        town.householdIndex(); // built now, so the first closure does not pay for it
        town.facilityIndex();
        Snap[] households = RingNetwork.snapHouseholds(s, town, policy);
        int flips = g.closureChanges();
        RingNetwork built = RingNetwork.build(g, s, town, policy, households, parts);
        java.util.BitSet closed = new java.util.BitSet(g.edgeCount());
        for (int e : g.closedEdges()) closed.set(e);
        closedWhenBuilt = closed;
        closureFlipsSeen = flips;
        graph = g;
        snapper = s;
        current = built;
    }

    /** The road graph of the published network. */
    public RoadGraph graph() { return network().graph; }

    /** From the change feed: note what changed and rebuild shortly, once for a burst of changes. */
    public void onChange(DataChange change) {
        switch (change.table()) {
            case "roads" -> roadBoxes.note(change);
            case "facilities", "households", "grids", "villages", "towns", "staff" -> townChanges.note(change);
            case "hazards" -> hazardsDirty.set(true);
            default -> { return; }
        }
        schedule();
    }

    private final RoadBoxes roadBoxes = new RoadBoxes();
    private final TownChanges townChanges = new TownChanges();

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            worker.schedule(this::applyPending, 150, TimeUnit.MILLISECONDS);
        }
    }

    private void applyPending() {
        scheduled.set(false);
        RoadBoxes.Taken roadChanges = roadBoxes.take();
        boolean roads = roadChanges.any();
        List<Envelope> boxes = roadChanges.boxes(); // null: roads changed anywhere
        TownChanges.Taken towns = townChanges.take();
        boolean town = towns.any();
        boolean hazards = hazardsDirty.getAndSet(false);
        Envelope area = towns.area();
        boolean anywhere = towns.anywhere();
        if (!roads && !town && !hazards) return;
        try {
            // roads first: a load rebuilds everything; an update in place publishes the network the towns' refresh builds on
            boolean reloaded = roads && boxes == null;
            if (reloaded) refreshNow(true);
            else if (roads) reloaded = !refreshRoads(boxes);   // false: it loaded the network again instead
            if (town && !reloaded && anywhere) refreshNow(false);
            else if (town && !reloaded) {
                if (!area.isNull()) refreshTowns(area);
                if (towns.staff()) refreshStaff();
            }
            if (hazards && !reloaded) reapplyClosures();
        } catch (SQLException | RuntimeException e) {
            log.warn("could not refresh the rings after a change: {}", e.toString());
        }
    }

    @Override
    public void close() { worker.shutdownNow(); }
}
