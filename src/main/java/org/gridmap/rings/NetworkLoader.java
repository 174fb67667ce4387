package org.gridmap.rings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.rings.graph.RoadClass;
import org.gridmap.rings.graph.RoadGraph;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** Reads the noded road network (roads + road_nodes) into a {@link RoadGraph}: one pass, primitive arrays. */
public final class NetworkLoader {
    private static final String NODES = "SELECT id, ST_X(geom), ST_Y(geom) FROM road_nodes ORDER BY id";
    private static final String ROADS = """
            SELECT id, source, target, length_m, class, oneway, walk_kmh, ST_AsBinary(geom)
            FROM roads WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target ORDER BY id""";

    private NetworkLoader() { }

    /** The graph with the database id of each node (ascending: node index k is the k-th id), to match roads' ends later. */
    public record Loaded(RoadGraph graph, long[] nodeIds) {
        /** The node index of a database node id, or -1 when the graph has no such node. */
        public int nodeIndex(long id) {
            int k = java.util.Arrays.binarySearch(nodeIds, id);
            return k >= 0 ? k : -1;
        }
    }

    public static RoadGraph load(DataSource db) throws SQLException {
        return loadWithIds(db).graph();
    }

    public static Loaded loadWithIds(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);   // lets the driver stream rows instead of holding a city's roads twice
            // one snapshot for the counts, the nodes and the roads: an import committing meanwhile is seen whole or not at all
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            int nodes = count(c, "road_nodes");
            int roads = count(c, "roads");
            RoadGraph.Builder b = RoadGraph.builder(nodes, roads);
            Map<Long, Integer> nodeIndex = new HashMap<>(nodes * 2);
            long[] ids = new long[nodes];
            try (PreparedStatement ps = c.prepareStatement(NODES)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int k = b.addNode(rs.getDouble(2), rs.getDouble(3));
                        if (k == ids.length) ids = java.util.Arrays.copyOf(ids, 2 * k + 16);
                        ids[k] = rs.getLong(1);
                        nodeIndex.put(ids[k], k);
                    }
                }
            }
            WKBReader wkb = new WKBReader();
            try (PreparedStatement ps = c.prepareStatement(ROADS)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Geometry g = wkb.read(rs.getBytes(8));
                        Coordinate[] cs = g.getCoordinates();
                        double[] coords = new double[cs.length * 2];
                        for (int i = 0; i < cs.length; i++) {
                            coords[2 * i] = cs[i].x;
                            coords[2 * i + 1] = cs[i].y;
                        }
                        double walk = rs.getDouble(7);
                        if (rs.wasNull()) walk = Double.NaN;
                        b.addEdge(rs.getLong(1), nodeIndex.get(rs.getLong(2)), nodeIndex.get(rs.getLong(3)),
                                rs.getDouble(4), RoadClass.parse(rs.getString(5)), rs.getBoolean(6), walk, coords);
                    }
                }
            } catch (ParseException e) {
                throw new SQLException("unreadable road geometry", e);
            }
            c.commit();
            RoadGraph g = b.build();
            return new Loaded(g, java.util.Arrays.copyOf(ids, g.nodeCount()));
        }
    }

    private static int count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
