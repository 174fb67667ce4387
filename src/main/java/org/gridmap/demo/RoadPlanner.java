package org.gridmap.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Draws one town's roads and hamlets in its metric plane, in the order a town grows: streets around the center,
 * main roads from the center to every station, village roads from each station to its grid hubs (a spanning
 * tree plus a few loops), a path from every service point to the nearest road, lanes around each point where
 * its houses stand, and finally remote hamlets on the hills, reached by long switchback paths.
 *
 * <p>Every new road starts or ends on the existing network, so the network is connected by construction.
 */
final class RoadPlanner {
    /** Group tag of road edges that belong to no hamlet. */
    static final int NO_GROUP = 0;
    private static final int REMOTE_GROUP = 1_000_000;
    /** Network distance from a remote hamlet to the nearest service point: beyond 5 min at 4.5 km/h. */
    private static final double REMOTE_NETWORK_M = 460;

    private final TownPlan plan;
    private final TownLayout.Result town;
    private final List<Facility> facilities;
    private final Terrain terrain;
    private final Rng rng;
    private final RoadDraft draft = new RoadDraft();
    private final int[] nodeOf;
    private final List<Hamlet> hamlets = new ArrayList<>();
    private final Polygon townMetric;
    private final IndexedPointInAreaLocator inTown;
    private final IndexedFacetDistance toRim;
    private final GeometryFactory gf;
    private double stairsSlope;

    RoadPlanner(TownPlan plan, TownLayout.Result town, List<Facility> facilities, Terrain terrain, Rng rng,
                GeometryFactory gf) {
        this.plan = plan;
        this.town = town;
        this.facilities = facilities;
        this.terrain = terrain;
        this.rng = rng;
        this.gf = gf;
        this.townMetric = TownLayout.toMetric(town.town(), town.plane(), gf);
        this.inTown = new IndexedPointInAreaLocator(townMetric);
        this.toRim = new IndexedFacetDistance(townMetric.getExteriorRing());
        this.nodeOf = new int[facilities.size()];
        for (int i = 0; i < facilities.size(); i++) {
            nodeOf[i] = draft.node(facilities.get(i).metric().x, facilities.get(i).metric().y);
        }
    }

    RoadDraft draft() {
        return draft;
    }

    List<Hamlet> hamlets() {
        return hamlets;
    }

    /** Draws everything; {@code remoteHouseholds} is how many households the remote hamlets should hold. */
    void build(int remoteHouseholds) {
        double[] slopes = new double[400];
        List<Coordinate> probe = SeedLayout.sample(townMetric, slopes.length, rng);
        for (int i = 0; i < probe.size(); i++) slopes[i] = terrain.slope(probe.get(i).x, probe.get(i).y);
        Arrays.sort(slopes);
        stairsSlope = slopes[(int) (slopes.length * 0.8)];
        streets();
        plannedStreets();
        mainRoads();
        villageRoads();
        pointPaths();
        remoteHamlets(remoteHouseholds);
    }

    private int index(String level, int from) {
        for (int i = from; i < facilities.size(); i++) if (facilities.get(i).level().equals(level)) return i;
        return -1;
    }

    private void streets() {
        int centre = nodeOf[index("center", 0)];
        double cx = draft.x(centre);
        double cy = draft.y(centre);
        double base = rng.range(0, Math.PI / 2);
        List<String> names = plan.streets(); // four radial streets, then the cross street
        for (int k = 0; k < 4; k++) {
            double dir = base + k * Math.PI / 2 + rng.range(-0.2, 0.2);
            double len = rng.range(420, 750);
            double[] end = clampInTown(cx, cy, cx + len * StrictMath.cos(dir), cy + len * StrictMath.sin(dir));
            draft.polyline(centre, Wiggle.between(cx, cy, end[0], end[1], 0.02, 40, rng), -1, RoadDraft.MAIN,
                    names.get(k % names.size()), NO_GROUP);
        }
        // A cross street parallel to the first, 250 m out: the noder turns its crossings into junctions.
        double ux = StrictMath.cos(base);
        double uy = StrictMath.sin(base);
        double ox = cx - uy * 250;
        double oy = cy + ux * 250;
        double[] a = clampInTown(ox, oy, ox - ux * 380, oy - uy * 380);
        double[] b = clampInTown(ox, oy, ox + ux * 380, oy + uy * 380);
        int start = draft.node(a[0], a[1]);
        joinToNetwork(start, RoadDraft.MAIN, names.get(names.size() - 1));
        draft.polyline(start, Wiggle.between(a[0], a[1], b[0], b[1], 0.015, 40, rng), -1, RoadDraft.MAIN,
                names.get(names.size() - 1), NO_GROUP);
    }

    /** Streets the layout cut grids along, nearest first, each joined to the network where it starts. */
    private void plannedStreets() {
        List<GrownLayout.Street> planned = new ArrayList<>(town.streets());
        planned.sort(Comparator.comparingDouble((GrownLayout.Street s) -> Math.hypot(s.line()[0][0], s.line()[0][1])));
        for (GrownLayout.Street s : planned) {
            double[][] l = s.line();
            int start = draft.node(l[0][0], l[0][1]);
            joinToNetwork(start, RoadDraft.MAIN, s.name());
            draft.polyline(start, Arrays.asList(l).subList(1, l.length), -1, RoadDraft.MAIN, s.name(), NO_GROUP);
        }
    }

    private void mainRoads() {
        List<Integer> ends = new ArrayList<>();
        ends.add(index("center", 0));
        for (int i = index("station", 0); i >= 0; i = index("station", i + 1)) ends.add(i);
        for (int[] link : spanningTreeWithLoops(ends, 2, 4000)) {
            Facility a = facilities.get(link[0]);
            Facility b = facilities.get(link[1]);
            String name = (a.level().equals("center") ? "镇中心" : stationUnit(a)) + "至" + stationUnit(b) + "公路";
            draw(nodeOf[link[0]], nodeOf[link[1]], 0.04, 60, RoadDraft.MAIN, name, NO_GROUP);
        }
    }

    private String stationUnit(Facility station) {
        return station.name().replace("便民服务站", "");
    }

    private void villageRoads() {
        for (int u = 0; u < town.units().size(); u++) {
            UnitPlan up = town.units().get(u).plan();
            List<Integer> ends = new ArrayList<>();
            for (int i = 0; i < facilities.size(); i++) {
                Facility f = facilities.get(i);
                if (f.level().equals("station") && f.code().startsWith(up.code())) ends.add(0, i);
                else if (f.level().equals("grid") && town.grids().get(f.grid()).unit() == u) ends.add(i);
            }
            String name = up.name() + (up.community() ? "社区道路" : "村道");
            for (int[] link : spanningTreeWithLoops(ends, Math.max(1, ends.size() / 4), 900)) {
                draw(nodeOf[link[0]], nodeOf[link[1]], 0.05, 50, RoadDraft.VILLAGE, name, NO_GROUP);
            }
        }
    }

    /** Each service point: a path to the nearest road, then the lanes of its hamlet. */
    private void pointPaths() {
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < facilities.size(); i++) if (facilities.get(i).level().equals("point")) points.add(i);
        for (int i : points) joinToNetwork(nodeOf[i], RoadDraft.PATH, null, i + 1);
        for (int i : points) {
            Facility f = facilities.get(i);
            Grid grid = town.grids().get(f.grid());
            boolean dense = grid.kind().equals("community");
            int lanes = dense ? rng.between(3, 5) : rng.between(2, 4);
            double base = rng.range(0, 2 * Math.PI);
            List<double[][]> drawn = new ArrayList<>();
            for (int k = 0; k < lanes; k++) {
                double dir = base + 2 * Math.PI * k / lanes + rng.range(-0.3, 0.3);
                double len = dense ? rng.range(60, 140) : rng.range(70, 180);
                drawn.add(lane(nodeOf[i], dir, len, i + 1));
            }
            double weight = dense ? 3.0 : grid.kind().equals("park") ? 0.5 : rng.range(0.6, 1.4);
            hamlets.add(new Hamlet(i + 1, drawn, false, weight));
        }
    }

    /** A dead-end lane from a node; returns its vertices (metres). */
    private double[][] lane(int from, double dir, double len, int group) {
        double x = draft.x(from);
        double y = draft.y(from);
        double[] end = clampInTown(x, y, x + len * StrictMath.cos(dir), y + len * StrictMath.sin(dir));
        List<double[]> mid = Wiggle.between(x, y, end[0], end[1], 0.08, 25, rng);
        draft.polyline(from, mid, -1, pathClass(x, y, end[0], end[1]), null, group);
        List<double[]> all = new ArrayList<>();
        all.add(new double[] {x, y});
        all.addAll(mid);
        all.add(end);
        return all.toArray(new double[0][]);
    }

    /**
     * Remote hamlets: spots far from roads and service points, joined to the nearest road by a path. In the
     * published town the path is made long enough (switchbacks on steep ground) that walking from the hamlet to any
     * service point takes over 5 minutes, as the demo's coverage gaps were designed; in the towns of a city the
     * number of hamlets follows the town's kind and area and the path winds as much as the slope makes it, so
     * whether a hamlet is within reach comes out of the land.
     */
    private void remoteHamlets(int households) {
        double[] dist = networkDistanceFromPoints();
        int known = draft.nodeCount();
        double[] nodeDist = Arrays.copyOf(dist, known * 4 + 1024);
        Arrays.fill(nodeDist, known, nodeDist.length, Double.NaN);
        List<Coordinate> pointPos = new ArrayList<>();
        for (Facility f : facilities) if (f.level().equals("point")) pointPos.add(f.metric());
        List<Coordinate> cands = SeedLayout.sample(townMetric, 5000, rng);
        List<double[]> scored = new ArrayList<>();
        for (Coordinate c : cands) {
            if (rim(c.x, c.y) < 120) continue;
            double dp = Double.MAX_VALUE;
            for (Coordinate p : pointPos) dp = Math.min(dp, c.distance(p));
            if (dp < 250) continue;
            scored.add(new double[] {c.x, c.y, dp});
        }
        scored.sort(Comparator.comparingDouble((double[] s) -> -s[2]));
        boolean pinned = plan.kind() == TownKind.PUBLISHED;
        int wanted = pinned ? Math.max(1, (int) Math.round(households / 38.0))
                : (int) Math.round(plan.kind().hamletsPerKm2 * plan.areaKm2());
        List<double[]> sites = new ArrayList<>();
        int made = 0;
        for (double[] s : scored) {
            if (made >= wanted) break;
            boolean crowded = false;
            for (double[] o : sites) if (Math.hypot(o[0] - s[0], o[1] - s[1]) < 350) crowded = true;
            if (crowded) continue;
            RoadDraft.Attach near = draft.nearest(s[0], s[1], 120, e -> true);
            if (near != null) continue;
            RoadDraft.Attach at = draft.nearest(s[0], s[1], 3000,
                    e -> known(nodeDist, draft.a(e)) && known(nodeDist, draft.b(e)));
            if (at == null) continue;
            double da = Math.min(nodeDist[draft.a(at.edge())] + distance(draft.a(at.edge()), at),
                    nodeDist[draft.b(at.edge())] + distance(draft.b(at.edge()), at));
            int join = draft.join(at);
            if (join >= known && join < nodeDist.length) nodeDist[join] = da;
            sites.add(s);
            int group = REMOTE_GROUP + made;
            int core = draft.node(s[0], s[1]);
            double straight = at.distance();
            double need = pinned ? Math.max(straight * 1.1, REMOTE_NETWORK_M - da)
                    : straight * (1.1 + 4 * meanSlope(s[0], s[1], at.x(), at.y()));
            boolean steep = need > straight * 1.3;
            List<double[]> way = steep ? Wiggle.switchbacks(s[0], s[1], at.x(), at.y(), need, rng)
                    : Wiggle.between(s[0], s[1], at.x(), at.y(), 0.06, 30, rng);
            int cls = steep ? RoadDraft.STAIRS : pathClass(s[0], s[1], at.x(), at.y());
            draft.polyline(core, way, join, cls, null, group);
            List<double[][]> lanes = new ArrayList<>();
            int n = rng.between(1, 3);
            double base = StrictMath.atan2(s[1] - at.y(), s[0] - at.x());
            for (int k = 0; k < n; k++) {
                double dir = base + (k - (n - 1) / 2.0) * 1.1 + rng.range(-0.25, 0.25);
                lanes.add(lane(core, dir, rng.range(40, 90), group));
            }
            hamlets.add(new Hamlet(group, lanes, true, 1.0));
            made++;
        }
    }

    private double distance(int node, RoadDraft.Attach at) {
        return Math.hypot(at.x() - draft.x(node), at.y() - draft.y(node));
    }

    private static boolean known(double[] dist, int node) {
        return node < dist.length && !Double.isNaN(dist[node]);
    }

    /** Multi-source Dijkstra over the draft, from every service point; metres per node. */
    double[] networkDistanceFromPoints() {
        int n = draft.nodeCount();
        int[][] adj = draft.adjacency();
        double[] d = new double[n];
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        PriorityQueue<double[]> pq = new PriorityQueue<>(Comparator.comparingDouble((double[] q) -> q[0]));
        for (int i = 0; i < facilities.size(); i++) {
            if (!facilities.get(i).level().equals("point")) continue;
            d[nodeOf[i]] = 0;
            pq.add(new double[] {0, nodeOf[i]});
        }
        while (!pq.isEmpty()) {
            double[] top = pq.poll();
            int v = (int) top[1];
            if (top[0] > d[v]) continue;
            for (int e : adj[v]) {
                int w = draft.a(e) == v ? draft.b(e) : draft.a(e);
                double nd = d[v] + draft.length(e);
                if (nd < d[w]) {
                    d[w] = nd;
                    pq.add(new double[] {nd, w});
                }
            }
        }
        return d;
    }

    /** Joins a node to the nearest road by a short path (or the given class/name). */
    private void joinToNetwork(int node, int cls, String name) {
        joinToNetwork(node, cls, name, NO_GROUP);
    }

    private void joinToNetwork(int node, int cls, String name, int group) {
        double x = draft.x(node);
        double y = draft.y(node);
        RoadDraft.Attach at = draft.nearest(x, y, 20_000, e -> draft.a(e) != node && draft.b(e) != node);
        if (at == null) throw new IllegalStateException("no road to join in " + plan.name());
        int join = draft.join(at);
        int c = cls == RoadDraft.PATH ? pathClass(x, y, at.x(), at.y()) : cls;
        draw(node, join, 0.06, 30, c, name, group);
    }

    private void draw(int from, int to, double amp, double step, int cls, String name, int group) {
        List<double[]> mid = Wiggle.between(draft.x(from), draft.y(from), draft.x(to), draft.y(to), amp, step, rng);
        draft.polyline(from, mid, to, cls, name, group);
    }

    /** Paths on ground steeper than the town's 80th-percentile slope are stairs. */
    private int pathClass(double ax, double ay, double bx, double by) {
        return meanSlope(ax, ay, bx, by) > stairsSlope ? RoadDraft.STAIRS : RoadDraft.PATH;
    }

    private double meanSlope(double ax, double ay, double bx, double by) {
        double s = 0;
        for (int i = 0; i <= 4; i++) s += terrain.slope(ax + (bx - ax) * i / 4, ay + (by - ay) * i / 4);
        return s / 5;
    }

    /** Minimum spanning tree over the facilities (Prim) plus the shortest extra links as loops. */
    private List<int[]> spanningTreeWithLoops(List<Integer> ids, int loops, double maxLoopLength) {
        int n = ids.size();
        List<int[]> out = new ArrayList<>();
        if (n < 2) return out;
        boolean[] in = new boolean[n];
        double[] best = new double[n];
        int[] parent = new int[n];
        Arrays.fill(best, Double.MAX_VALUE);
        best[0] = 0;
        boolean[][] tree = new boolean[n][n];
        for (int it = 0; it < n; it++) {
            int v = -1;
            for (int i = 0; i < n; i++) if (!in[i] && (v < 0 || best[i] < best[v])) v = i;
            in[v] = true;
            if (it > 0) {
                out.add(new int[] {ids.get(parent[v]), ids.get(v)});
                tree[parent[v]][v] = tree[v][parent[v]] = true;
            }
            for (int i = 0; i < n; i++) {
                double d = pos(ids.get(v)).distance(pos(ids.get(i)));
                if (!in[i] && d < best[i]) {
                    best[i] = d;
                    parent[i] = v;
                }
            }
        }
        List<double[]> extra = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = pos(ids.get(i)).distance(pos(ids.get(j)));
                if (!tree[i][j] && d <= maxLoopLength) extra.add(new double[] {d, i, j});
            }
        }
        extra.sort(Comparator.comparingDouble((double[] e) -> e[0]));
        for (int k = 0; k < Math.min(loops, extra.size()); k++) {
            out.add(new int[] {ids.get((int) extra.get(k)[1]), ids.get((int) extra.get(k)[2])});
        }
        return out;
    }

    private Coordinate pos(int facility) {
        return facilities.get(facility).metric();
    }

    private double rim(double x, double y) {
        Coordinate c = new Coordinate(x, y);
        double d = toRim.distance(gf.createPoint(c));
        return inTown.locate(c) == Location.INTERIOR ? d : -d;
    }

    /** The end of a straight run from (x, y) towards (tx, ty), pulled back to stay 30 m inside the town. */
    private double[] clampInTown(double x, double y, double tx, double ty) {
        for (int i = 0; i < 12; i++) {
            if (rim(tx, ty) >= 30) return new double[] {tx, ty};
            tx = x + (tx - x) * 0.8;
            ty = y + (ty - y) * 0.8;
        }
        return new double[] {tx, ty};
    }
}
