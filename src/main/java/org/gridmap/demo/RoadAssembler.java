package org.gridmap.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentString;
import org.locationtech.jts.noding.snapround.SnapRoundingNoder;

/**
 * Turns the drawn network into the stored road lines: converted to lon/lat, noded by snap rounding at 1e-7°
 * (every crossing becomes a shared vertex), duplicate and zero-length pieces removed, then chained into lines
 * that meet only at their ends.
 *
 * <p>A line ends at every junction (degree ≠ 2), every facility, wherever class or name changes, and at the
 * network's outermost vertex in each compass direction (so a city can attach its inter-town roads there).
 */
final class RoadAssembler {
    /** The noded roads and the outermost endpoints, in lon/lat. */
    record Network(List<Road> roads, Coordinate east, Coordinate west, Coordinate north, Coordinate south) {
    }

    private RoadAssembler() {
    }

    static Network assemble(RoadDraft draft, LocalPlane plane, List<Coordinate> mustBeEnds, GeometryFactory gf) {
        Coordinate[] grid = new Coordinate[draft.nodeCount()];
        for (int v = 0; v < grid.length; v++) grid[v] = plane.toGrid(draft.x(v), draft.y(v));
        List<SegmentString> input = new ArrayList<>();
        for (int e = 0; e < draft.edgeCount(); e++) {
            if (!draft.alive(e)) continue;
            Coordinate a = grid[draft.a(e)];
            Coordinate b = grid[draft.b(e)];
            if (!a.equals2D(b)) input.add(new NodedSegmentString(new Coordinate[] {a, b}, e));
        }
        SnapRoundingNoder noder = new SnapRoundingNoder(Fixed7.PRECISION);
        noder.computeNodes(input);

        // Unique segments; where two coincide the higher class (main over village over path) wins.
        Map<Long, Integer> nodeIndex = new HashMap<>();
        List<Coordinate> nodes = new ArrayList<>();
        Map<List<Long>, Integer> segIndex = new HashMap<>();
        List<int[]> segs = new ArrayList<>(); // {nodeA, nodeB, edge}
        for (Object o : noder.getNodedSubstrings()) {
            SegmentString s = (SegmentString) o;
            int edge = (Integer) s.getData();
            Coordinate[] c = CoordinateArrays.removeRepeatedPoints(s.getCoordinates());
            for (int i = 0; i + 1 < c.length; i++) {
                int a = nodeId(c[i], nodeIndex, nodes);
                int b = nodeId(c[i + 1], nodeIndex, nodes);
                List<Long> key = a < b ? List.of((long) a, (long) b) : List.of((long) b, (long) a);
                Integer known = segIndex.get(key);
                if (known == null) {
                    segIndex.put(key, segs.size());
                    segs.add(new int[] {a, b, edge});
                } else if (draft.cls(edge) < draft.cls(segs.get(known)[2])) {
                    segs.get(known)[2] = edge;
                }
            }
        }
        int n = nodes.size();
        int[] degree = new int[n];
        for (int[] s : segs) {
            degree[s[0]]++;
            degree[s[1]]++;
        }
        int[][] adj = new int[n][];
        for (int v = 0; v < n; v++) adj[v] = new int[degree[v]];
        int[] fill = new int[n];
        for (int i = 0; i < segs.size(); i++) {
            adj[segs.get(i)[0]][fill[segs.get(i)[0]]++] = i;
            adj[segs.get(i)[1]][fill[segs.get(i)[1]]++] = i;
        }
        checkConnected(segs, n);

        boolean[] brk = new boolean[n];
        for (int v = 0; v < n; v++) {
            if (degree[v] != 2) brk[v] = true;
            else if (!sameRoad(draft, segs.get(adj[v][0])[2], segs.get(adj[v][1])[2])) brk[v] = true;
        }
        for (Coordinate c : mustBeEnds) {
            Integer v = nodeIndex.get(Fixed7.key(c.x, c.y));
            if (v == null) throw new IllegalStateException("facility " + c + " is not on the road network");
            brk[v] = true;
        }
        int east = 0, west = 0, north = 0, south = 0;
        for (int v = 1; v < n; v++) {
            Coordinate c = nodes.get(v);
            if (c.x > nodes.get(east).x) east = v;
            if (c.x < nodes.get(west).x) west = v;
            if (c.y > nodes.get(north).y) north = v;
            if (c.y < nodes.get(south).y) south = v;
        }
        brk[east] = brk[west] = brk[north] = brk[south] = true;

        boolean[] used = new boolean[segs.size()];
        List<Road> roads = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (!brk[v]) continue;
            for (int s : adj[v]) if (!used[s]) walk(v, s, segs, adj, brk, used, nodes, draft, roads, gf);
        }
        // What is left are rings without any junction: cut each at its first node.
        for (int s = 0; s < segs.size(); s++) {
            if (used[s]) continue;
            int v = segs.get(s)[0];
            brk[v] = true;
            walk(v, s, segs, adj, brk, used, nodes, draft, roads, gf);
        }
        List<Road> sorted = new ArrayList<>();
        for (int cls = 0; cls < RoadDraft.CLASS_NAMES.length; cls++) {
            for (Road r : roads) if (r.cls().equals(RoadDraft.CLASS_NAMES[cls])) sorted.add(r);
        }
        return new Network(sorted, nodes.get(east), nodes.get(west), nodes.get(north), nodes.get(south));
    }

    private static boolean sameRoad(RoadDraft draft, int e1, int e2) {
        return draft.cls(e1) == draft.cls(e2) && java.util.Objects.equals(draft.name(e1), draft.name(e2));
    }

    private static void walk(int start, int seg, List<int[]> segs, int[][] adj, boolean[] brk, boolean[] used,
                             List<Coordinate> nodes, RoadDraft draft, List<Road> out, GeometryFactory gf) {
        List<Integer> path = new ArrayList<>();
        path.add(start);
        int v = start;
        int s = seg;
        while (true) {
            used[s] = true;
            int w = segs.get(s)[0] == v ? segs.get(s)[1] : segs.get(s)[0];
            path.add(w);
            if (brk[w]) break;
            int next = adj[w][0] == s ? adj[w][1] : adj[w][0];
            v = w;
            s = next;
        }
        int edge = segs.get(seg)[2];
        String cls = RoadDraft.CLASS_NAMES[draft.cls(edge)];
        String name = draft.name(edge);
        if (path.get(0).equals(path.get(path.size() - 1))) {
            // A loop back to its own start: store it as two lines meeting at its middle vertex.
            int mid = path.size() / 2;
            out.add(line(path.subList(0, mid + 1), nodes, cls, name, gf));
            out.add(line(path.subList(mid, path.size()), nodes, cls, name, gf));
        } else {
            out.add(line(path, nodes, cls, name, gf));
        }
    }

    private static Road line(List<Integer> path, List<Coordinate> nodes, String cls, String name, GeometryFactory gf) {
        Coordinate[] c = new Coordinate[path.size()];
        for (int i = 0; i < c.length; i++) c[i] = nodes.get(path.get(i)).copy();
        return new Road(gf.createLineString(c), cls, name);
    }

    private static int nodeId(Coordinate c, Map<Long, Integer> index, List<Coordinate> nodes) {
        return index.computeIfAbsent(Fixed7.key(c.x, c.y), k -> {
            nodes.add(new Coordinate(Fixed7.round(c.x), Fixed7.round(c.y)));
            return nodes.size() - 1;
        });
    }

    private static void checkConnected(List<int[]> segs, int n) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int[] s : segs) parent[find(parent, s[0])] = find(parent, s[1]);
        Set<Integer> roots = new HashSet<>();
        for (int i = 0; i < n; i++) roots.add(find(parent, i));
        if (roots.size() != 1) throw new IllegalStateException("road network has " + roots.size() + " components");
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }
}
