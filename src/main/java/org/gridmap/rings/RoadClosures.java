package org.gridmap.rings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.gridmap.rings.graph.RoadGraph;

/**
 * Roads closed by geological hazards. The database decides which (the view {@code hazard_road_closures}:
 * open hazards that block roads × roads their threat zone reaches); this class makes the graph agree with it,
 * closing and reopening edges in place. It owns the graph's closed flags: an edge it does not list is open.
 * {@link RingEngine} applies it after every load of the road network and after every hazard change.
 */
public final class RoadClosures {
    private static final String SQL = "SELECT DISTINCT road_id FROM hazard_road_closures";
    private final DataSource db;

    /** What one application changed. */
    public record Update(Set<Long> closedRoads, List<Long> closedNow, List<Long> reopenedNow) {
        public static final Update NONE = new Update(Set.of(), List.of(), List.of());

        public boolean changed() { return !closedNow.isEmpty() || !reopenedNow.isEmpty(); }

        /** What changed between two ring networks (by the roads closed when each was built), in road id order. */
        public static Update between(RingNetwork before, RingNetwork after) {
            List<Long> closedNow = after.closedRoads.stream().filter(id -> !before.closedRoads.contains(id)).sorted().toList();
            List<Long> reopenedNow = before.closedRoads.stream().filter(id -> !after.closedRoads.contains(id)).sorted().toList();
            return new Update(after.closedRoads, closedNow, reopenedNow);
        }
    }

    public RoadClosures(DataSource db) { this.db = db; }

    /** The ids of the roads the database says are closed now. */
    public Set<Long> closedRoadIds() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        return ids;
    }

    /** Reads the closures and applies them to the graph; the caller recomputes the rings when it changed. */
    public Update apply(RoadGraph graph) throws SQLException {
        return apply(graph, closedRoadIds());
    }

    /**
     * Closes exactly the edges of these roads and opens every other edge. Only the edges closed now and those of the
     * listed roads are looked at (a city has a million edges and a handful closed); the changes come in road id order.
     */
    public static Update apply(RoadGraph graph, Set<Long> closedRoads) {
        List<Long> closedNow = new ArrayList<>();
        List<Long> reopenedNow = new ArrayList<>();
        for (int e : graph.closedEdges()) {
            if (closedRoads.contains(graph.roadId(e))) continue;
            graph.setClosed(e, false);
            reopenedNow.add(graph.roadId(e));
        }
        for (long id : closedRoads) {
            for (int e : graph.edgesOfRoad(id)) {
                if (graph.isClosed(e)) continue;
                graph.setClosed(e, true);
                closedNow.add(id);
            }
        }
        closedNow.sort(null);
        reopenedNow.sort(null);
        return new Update(Set.copyOf(closedRoads), closedNow, reopenedNow);
    }
}
