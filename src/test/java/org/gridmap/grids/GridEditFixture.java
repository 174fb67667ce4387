package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.TestServer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBReader;

/** Shared helpers for the grid-editing tests: accounts, SQL invariants, a fingerprint of the data, geometry moves. */
final class GridEditFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    final TestServer server;
    final String planner, admin, staff;

    GridEditFixture(TestServer server) throws Exception {
        this.server = server;
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("plan", Role.PLANNER, "planner-password".toCharArray());
        users.create("boss", Role.ADMIN, "admin-password".toCharArray());
        users.create("clerk", Role.STAFF, "staff-password".toCharArray());
        planner = login("plan", "planner-password");
        admin = login("boss", "admin-password");
        staff = login("clerk", "staff-password");
    }

    String login(String u, String p) throws Exception {
        HttpResponse<String> r = server.send("POST", "/api/session", "{\"username\":\"" + u + "\",\"password\":\"" + p + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return TestServer.json(r).get("token").asText();
    }

    HttpResponse<String> post(String token, String path, Object body) throws Exception {
        String b = body instanceof String s ? s : JSON.writeValueAsString(body);
        return token == null ? server.send("POST", path, b) : server.send("POST", path, b, "Authorization", "Bearer " + token);
    }

    record Grid(long id, String code, long villageId, long version, MultiPolygon geom) { }

    List<Grid> grids(String where) throws SQLException {
        List<Grid> out = new ArrayList<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, code, village_id, version, ST_AsBinary(geom) FROM grids "
                     + (where == null ? "" : "WHERE " + where) + " ORDER BY id")) {
            WKBReader r = new WKBReader();
            while (rs.next()) out.add(new Grid(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                    (MultiPolygon) r.read(rs.getBytes(5))));
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    Grid grid(long id) throws SQLException { return grids("id = " + id).get(0); }

    long scalar(String sql) throws SQLException {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Everything an edit may touch, as one hash: a refused edit must leave it exactly as it was. */
    String fingerprint() throws SQLException {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT md5((SELECT string_agg(id || ':' || code || ':' || version || ':' || encode(ST_AsEWKB(geom), 'hex'), ',' ORDER BY id) FROM grids)
                    || (SELECT string_agg(id || ':' || code || ':' || level || ':' || coalesce(grid_id, 0) || ':' || encode(ST_AsEWKB(geom), 'hex'), ',' ORDER BY id) FROM facilities)
                    || (SELECT string_agg(id || ':' || coalesce(grid_id, 0), ',' ORDER BY id) FROM households)
                    || (SELECT string_agg(id || ':' || grid_id || ':' || role, ',' ORDER BY id) FROM staff)
                    || (SELECT count(*) FROM edit_sets))""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The coverage invariant, checked in SQL independently of the editor. */
    void assertInvariants() throws SQLException {
        assertThat(scalar("""
                SELECT count(*) FROM villages v WHERE abs(ST_Area(v.geom) - (SELECT coalesce(sum(ST_Area(g.geom)), 0)
                    FROM grids g WHERE g.village_id = v.id)) > 1e-10""")).as("grid areas sum to their village").isZero();
        assertThat(scalar("""
                SELECT count(*) FROM villages v
                WHERE ST_Area(ST_SymDifference(ST_Union(ARRAY(SELECT g.geom FROM grids g WHERE g.village_id = v.id)), v.geom)) > 1e-10"""))
                .as("grids union to their village: no gap").isZero();
        assertThat(scalar("""
                SELECT count(*) FROM grids a JOIN grids b ON a.id < b.id AND a.geom && b.geom
                WHERE ST_Area(ST_Intersection(a.geom, b.geom)) > 1e-10""")).as("no overlaps").isZero();
        assertThat(scalar("SELECT count(*) FROM grids WHERE NOT ST_IsValid(geom)")).isZero();
        assertThat(scalar("SELECT count(*) FROM households WHERE grid_id IS NULL")).isZero();
        assertThat(scalar("""
                SELECT count(*) FROM households h JOIN grids g ON g.id = h.grid_id WHERE NOT ST_Covers(g.geom, h.geom)"""))
                .as("every household in the grid that covers it").isZero();
        assertThat(scalar("""
                SELECT count(*) FROM households h WHERE h.grid_id <> (SELECT g.id FROM grids g WHERE ST_Covers(g.geom, h.geom) ORDER BY g.code LIMIT 1)"""))
                .as("household assignment exact").isZero();
        assertThat(scalar("""
                SELECT count(*) FROM facilities f JOIN grids g ON g.id = f.grid_id WHERE NOT ST_Covers(g.geom, f.geom)"""))
                .as("facilities inside their grid").isZero();
        assertThat(scalar("SELECT count(*) FROM (SELECT grid_id FROM facilities WHERE level = 'grid' GROUP BY grid_id HAVING count(*) > 1) x")).isZero();
    }

    /** A vertex shared by exactly two grids of one village, away from the village's border; moved a little in both. */
    Map<String, Object> moveSharedVertex(Random rnd, long villageId) throws SQLException {
        List<Grid> gs = grids("village_id = " + villageId);
        Geometry villageBorder;
        try (Connection c = server.database().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ST_AsBinary(ST_Boundary(geom)) FROM villages WHERE id = " + villageId)) {
            rs.next();
            villageBorder = new WKBReader().read(rs.getBytes(1));
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
        }
        Map<Coordinate, List<Grid>> owners = new LinkedHashMap<>();
        for (Grid g : gs) {
            for (Coordinate c : g.geom().getCoordinates()) {
                List<Grid> l = owners.computeIfAbsent(new Coordinate(c.x, c.y), k -> new ArrayList<>());
                if (!l.contains(g)) l.add(g);
            }
        }
        List<Coordinate> candidates = new ArrayList<>();
        owners.forEach((c, l) -> {
            if (l.size() == 2 && villageBorder.distance(org.gridmap.grids.GeoJsonGeometry.GF.createPoint(c)) > 1e-6) candidates.add(c);
        });
        assertThat(candidates).isNotEmpty();
        Coordinate v = candidates.get(rnd.nextInt(candidates.size()));
        double step = nearestOtherVertex(owners.get(v), v) * (0.1 + 0.2 * rnd.nextDouble());
        double angle = rnd.nextDouble() * 2 * Math.PI;
        Coordinate to = new Coordinate(v.x + step * Math.cos(angle), v.y + step * Math.sin(angle));
        List<Map<String, Object>> edits = new ArrayList<>();
        for (Grid g : owners.get(v)) {
            MultiPolygon moved = (MultiPolygon) g.geom().copy();
            moved.apply(new org.locationtech.jts.geom.CoordinateFilter() {
                @Override public void filter(Coordinate c) {
                    if (c.equals2D(v)) c.setCoordinate(to);
                }
            });
            moved.geometryChanged();
            edits.add(edit(g.id(), g.version(), moved));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("edits", edits);
        return body;
    }

    private static double nearestOtherVertex(List<Grid> grids, Coordinate v) {
        double best = Double.MAX_VALUE;
        for (Grid g : grids) {
            Coordinate[] cs = g.geom().getCoordinates();
            for (int i = 0; i < cs.length; i++) {
                if (!cs[i].equals2D(v)) continue;
                if (i > 0) best = Math.min(best, cs[i - 1].distance(v));
                if (i + 1 < cs.length) best = Math.min(best, cs[i + 1].distance(v));
            }
        }
        return best;
    }

    /** A line across the grid through an inner point that cuts it into exactly two parts. */
    Map<String, Object> splitBody(long gridId) throws SQLException {
        Grid g = grid(gridId);
        Coordinate c = g.geom().getInteriorPoint().getCoordinate();
        double reach = g.geom().getEnvelopeInternal().getDiameter() + 0.001;
        for (int i = 0; i < 36; i++) {
            double angle = Math.PI * i / 36 + 0.01;
            org.locationtech.jts.geom.LineString line = GeoJsonGeometry.GF.createLineString(new Coordinate[] {
                new Coordinate(c.x - reach * Math.cos(angle), c.y - reach * Math.sin(angle)),
                new Coordinate(c.x + reach * Math.cos(angle), c.y + reach * Math.sin(angle))});
            if (GridOperations.cut(g.geom(), line).size() == 2) {
                return Map.of("version", g.version(), "line", GeoJsonGeometry.toJson(line));
            }
        }
        throw new AssertionError("no straight line splits grid " + g.code() + " in two");
    }

    static Map<String, Object> edit(long id, long version, Geometry g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("version", version);
        m.put("geometry", GeoJsonGeometry.toJson(g));
        return m;
    }

    static JsonNode json(HttpResponse<String> r) throws Exception { return TestServer.json(r); }

    /** {@code ds} with every statement prepared or created on its connections counted. */
    static javax.sql.DataSource counting(javax.sql.DataSource ds, java.util.concurrent.atomic.AtomicInteger statements) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(GridEditFixture.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, m, args) -> {
                    Object out = invoke(ds, m, args);
                    if (!m.getName().equals("getConnection")) return out;
                    java.sql.Connection c = (java.sql.Connection) out;
                    return java.lang.reflect.Proxy.newProxyInstance(GridEditFixture.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p2, cm, cargs) -> {
                                if (cm.getName().equals("prepareStatement") || cm.getName().equals("createStatement")
                                        || cm.getName().equals("prepareCall")) {
                                    statements.incrementAndGet();
                                }
                                return invoke(c, cm, cargs);
                            });
                });
    }

    static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
