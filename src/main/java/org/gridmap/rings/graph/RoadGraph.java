package org.gridmap.rings.graph;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The road network as primitive arrays: dense int node and edge ids, a CSR adjacency, all polylines packed in one
 * array. Built once from the loader's rows, then edited in place (closures, attribute and geometry changes) with
 * no rebuild.
 *
 * <p>Concurrency: edits are serialised on this object and end by bumping the volatile {@link #version()}; every
 * search reads the version first, so a search started after an edit returns sees it. A search running during an
 * edit may see an edge before or after the change (each edge's values are written before its costs), never a
 * broken structure: endpoints and adjacency never change after build.
 */
public final class RoadGraph {
    static final byte ONEWAY = 1, CLOSED = 2, BOUNDARY = 4;

    private final double[] nodeLon, nodeLat;
    private final int[] edgeFrom, edgeTo;
    private final long[] roadIds;
    private final double[] lengthMeters;
    private final byte[] roadClass;
    private final byte[] flags;
    private final double[] walkOverride;
    private final EdgeShapes shapes;
    private final Adjacency adjacency;
    private final RoadIdIndex roadIndex;
    private final LocalProjection projection;
    private final SearchSpacePool searchPool;
    private final Map<TravelMode, EdgeCosts> costsByMode = new ConcurrentHashMap<>();
    private final IntList geometryLog = new IntList(16);
    /** Every edge whose closed flag flipped, in order: who recomputes after closures reads what is new here, not every edge. */
    private final IntList closureLog = new IntList(16);
    /** The closed edges now (a few among a city's million). */
    private final java.util.TreeSet<Integer> closed = new java.util.TreeSet<>();
    private volatile long version;
    private volatile int geometryChanges;

    private RoadGraph(Builder b) {
        int n = b.nodeCount, m = b.edgeCount;
        nodeLon = Arrays.copyOf(b.lon, n);
        nodeLat = Arrays.copyOf(b.lat, n);
        edgeFrom = Arrays.copyOf(b.from, m);
        edgeTo = Arrays.copyOf(b.to, m);
        roadIds = Arrays.copyOf(b.roadIds, m);
        lengthMeters = Arrays.copyOf(b.length, m);
        roadClass = Arrays.copyOf(b.cls, m);
        flags = Arrays.copyOf(b.flags, m);
        walkOverride = Arrays.copyOf(b.walkOverride, m);
        shapes = new EdgeShapes(b.interior.trimmed(), b.interiorStart.trimmed());
        adjacency = new Adjacency(n, edgeFrom, edgeTo);
        roadIndex = new RoadIdIndex(roadIds);
        projection = centreProjection(nodeLon, nodeLat);
        searchPool = new SearchSpacePool(n);
    }

    public static Builder builder(int expectedNodes, int expectedEdges) {
        return new Builder(expectedNodes, expectedEdges);
    }

    public int nodeCount() { return nodeLon.length; }
    public int edgeCount() { return edgeFrom.length; }
    public double nodeLon(int n) { return nodeLon[n]; }
    public double nodeLat(int n) { return nodeLat[n]; }
    public long roadId(int edge) { return roadIds[edge]; }
    public int edgeFrom(int e) { return edgeFrom[e]; }
    public int edgeTo(int e) { return edgeTo[e]; }
    public double edgeLengthMeters(int e) { return lengthMeters[e]; }
    public RoadClass roadClass(int e) { return RoadClass.ofOrdinal(roadClass[e]); }
    public boolean isOneway(int e) { return (flags[e] & ONEWAY) != 0; }
    public boolean isClosed(int edge) { return (flags[edge] & CLOSED) != 0; }
    /** An edge joining two towns: rings never cross a town boundary, so no search or snap uses it (see {@link Partitions}). */
    public boolean isBoundary(int edge) { return (flags[edge] & BOUNDARY) != 0; }
    /** Neither closed nor a town boundary. */
    public boolean isPassable(int edge) { return (flags[edge] & (CLOSED | BOUNDARY)) == 0; }
    /** NaN when the edge has no walk-speed override. */
    public double walkKmhOverride(int e) { return walkOverride[e]; }

    /** Every edge carrying this road id (none, one, or more if the loader gave an id twice). */
    public int[] edgesOfRoad(long roadId) {
        return roadIndex.edgesOf(roadId);
    }

    /** The edge index carrying this road id (the lowest one if the loader gave an id twice), or -1. */
    public int edgeIndexOfRoad(long roadId) {
        return roadIndex.edgeOf(roadId);
    }

    /** Bumps on every change; precomputed trees and reaches remember the version they were built at. */
    public long version() {
        return version;
    }

    /**
     * A volatile read of the version: every search calls it before reading edge data, so edits that returned
     * before the search began are visible to it.
     */
    long observeEdits() {
        return version;
    }

    /** Number of geometry changes since build; a {@link Snapper} uses it to notice edges it indexed differently. */
    public int geometryVersion() {
        return geometryChanges;
    }

    /** The polyline of an edge from its from-node to its to-node, lon,lat,... */
    public double[] edgeCoords(int e) {
        return EdgeGeometry.coords(this, e);
    }

    /** Lon/lat of the point at fraction f of edge e (by length, as snaps measure it). */
    public double[] pointAt(int e, double f) {
        return EdgeGeometry.pointAt(this, e, f);
    }

    /** Closed edges are impassable in every mode (hazards, works); reopening restores the previous costs. */
    public synchronized void setClosed(int edge, boolean closed) {
        if (closed == isClosed(edge)) return;
        closureLog.add(edge);
        if (closed) this.closed.add(edge); else this.closed.remove(edge);
        setFlag(edge, CLOSED, closed);
    }

    /** The edges closed now, ascending. */
    public synchronized int[] closedEdges() {
        int[] out = new int[closed.size()];
        int i = 0;
        for (int e : closed) out[i++] = e;
        return out;
    }

    /** How many times a closed flag flipped since build; pass it to {@link #closuresChangedSince} later. */
    public synchronized int closureChanges() { return closureLog.size(); }

    /** The edges whose closed flag flipped after the first {@code since} flips, in flip order (an edge may repeat). */
    public synchronized int[] closuresChangedSince(int since) {
        int[] out = new int[closureLog.size() - since];
        for (int i = 0; i < out.length; i++) out[i] = closureLog.get(since + i);
        return out;
    }

    /** Marks or clears a town boundary edge; independent of closures, which come and go with hazards. */
    public synchronized void setBoundary(int edge, boolean boundary) { setFlag(edge, BOUNDARY, boundary); }

    private void setFlag(int edge, byte flag, boolean on) {
        byte f = flags[edge];
        byte nf = (byte) (on ? f | flag : f & ~flag);
        if (nf == f) return;
        flags[edge] = nf;
        edited(edge);
    }

    /** Changes the attributes, and (when coords is not null) the geometry, of an existing edge; ends stay. */
    public synchronized void setRoad(int edge, double lengthMeters, RoadClass cls, boolean oneway, double walkKmhOverride,
                                     double[] coords) {
        checkLength(lengthMeters);
        this.lengthMeters[edge] = lengthMeters;
        roadClass[edge] = (byte) cls.ordinal();
        flags[edge] = (byte) (oneway ? flags[edge] | ONEWAY : flags[edge] & ~ONEWAY);
        walkOverride[edge] = walkKmhOverride;
        if (coords != null) {
            shapes.replace(edge, EdgeShapes.interiorOf(coords));
            geometryLog.add(edge);
            geometryChanges = geometryLog.size();
        }
        edited(edge);
    }

    private void edited(int edge) {
        for (EdgeCosts c : costsByMode.values()) c.refresh(edge);
        version++; // only the synchronized writers touch it, so the non-atomic increment is safe
    }

    /** Costs of one travel mode, kept up to date by every later edit; one table per distinct mode. */
    EdgeCosts costs(TravelMode mode) {
        EdgeCosts c = costsByMode.get(mode); // lock-free on the query path
        return c != null ? c : createCosts(mode);
    }

    private synchronized EdgeCosts createCosts(TravelMode mode) {
        // under the edit lock, so no edit can slip between reading the arrays and registering the table
        return costsByMode.computeIfAbsent(mode, md -> new EdgeCosts(this, md));
    }

    /** Edges whose geometry changed after the first {@code since} geometry changes, in change order. */
    synchronized int[] geometryChangedSince(int since) {
        int[] out = new int[geometryLog.size() - since];
        for (int i = 0; i < out.length; i++) out[i] = geometryLog.get(since + i);
        return out;
    }

    Adjacency adjacency() { return adjacency; }
    EdgeShapes shapes() { return shapes; }
    LocalProjection projection() { return projection; }
    SearchSpacePool searchPool() { return searchPool; }
    int classOrdinal(int e) { return roadClass[e]; }
    int other(int e, int node) { return edgeFrom[e] == node ? edgeTo[e] : edgeFrom[e]; }

    /** Approximate retained heap of the arrays (for capacity planning), excluding search spaces and mode costs. */
    public long heapBytesEstimate() {
        long n = nodeCount(), m = edgeCount();
        return n * 16 + m * (4 + 4 + 8 + 8 + 1 + 1 + 8 + 1) + 2 * m * 8 + (n + 1) * 4 + m * 12 + shapes.heapBytes();
    }

    private static LocalProjection centreProjection(double[] lon, double[] lat) {
        if (lon.length == 0) return LocalProjection.around(0, 0);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < lon.length; i++) {
            minX = Math.min(minX, lon[i]);
            maxX = Math.max(maxX, lon[i]);
            minY = Math.min(minY, lat[i]);
            maxY = Math.max(maxY, lat[i]);
        }
        return LocalProjection.around((minX + maxX) / 2, (minY + maxY) / 2);
    }

    private static void checkLength(double lengthMeters) {
        if (!(lengthMeters >= 0) || Double.isInfinite(lengthMeters))
            throw new IllegalArgumentException("length must be finite and >= 0: " + lengthMeters);
    }

    /** Collects nodes and edges into growable primitive arrays; {@link #build()} freezes them. */
    public static final class Builder {
        private double[] lon, lat;
        private int[] from, to;
        private long[] roadIds;
        private double[] length, walkOverride;
        private byte[] cls, flags;
        private final DoubleList interior;
        private final IntList interiorStart;
        private int nodeCount, edgeCount;
        private boolean built;

        private Builder(int expectedNodes, int expectedEdges) {
            int n = Math.max(16, expectedNodes), m = Math.max(16, expectedEdges);
            lon = new double[n];
            lat = new double[n];
            from = new int[m];
            to = new int[m];
            roadIds = new long[m];
            length = new double[m];
            walkOverride = new double[m];
            cls = new byte[m];
            flags = new byte[m];
            interior = new DoubleList(16);
            interiorStart = new IntList(m + 1);
            interiorStart.add(0);
        }

        /** Returns the dense node index (0, 1, 2, ... in call order). */
        public int addNode(double lon, double lat) {
            if (!Double.isFinite(lon) || !Double.isFinite(lat)) throw new IllegalArgumentException("bad node coordinates");
            if (nodeCount == this.lon.length) {
                int c = DoubleList.grow(nodeCount);
                this.lon = Arrays.copyOf(this.lon, c);
                this.lat = Arrays.copyOf(this.lat, c);
            }
            this.lon[nodeCount] = lon;
            this.lat[nodeCount] = lat;
            return nodeCount++;
        }

        /**
         * One road (a noded line) between two nodes; coords = lon,lat,... of its polyline from {@code from} to
         * {@code to} (null for a straight line). Only the interior vertices are stored: the ends are the nodes.
         */
        public int addEdge(long roadId, int from, int to, double lengthMeters, RoadClass cls, boolean oneway,
                           double walkKmhOverride, double[] coords) {
            if (built) throw new IllegalStateException("already built");
            if (from < 0 || from >= nodeCount || to < 0 || to >= nodeCount) throw new IllegalArgumentException("unknown node");
            checkLength(lengthMeters);
            if (edgeCount == this.from.length) growEdges();
            int e = edgeCount++;
            this.from[e] = from;
            this.to[e] = to;
            roadIds[e] = roadId;
            length[e] = lengthMeters;
            this.cls[e] = (byte) cls.ordinal();
            flags[e] = oneway ? ONEWAY : 0;
            walkOverride[e] = walkKmhOverride;
            for (double v : EdgeShapes.interiorOf(coords)) interior.add(v);
            interiorStart.add(interior.size());
            if (e >= (Integer.MAX_VALUE >> 1)) throw new IllegalStateException("too many edges");
            return e;
        }

        public RoadGraph build() {
            built = true;
            return new RoadGraph(this);
        }

        private void growEdges() {
            int c = DoubleList.grow(edgeCount);
            from = Arrays.copyOf(from, c);
            to = Arrays.copyOf(to, c);
            roadIds = Arrays.copyOf(roadIds, c);
            length = Arrays.copyOf(length, c);
            walkOverride = Arrays.copyOf(walkOverride, c);
            cls = Arrays.copyOf(cls, c);
            flags = Arrays.copyOf(flags, c);
        }
    }
}
