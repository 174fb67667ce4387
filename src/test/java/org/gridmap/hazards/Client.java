package org.gridmap.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.testing.ServerCalls;
import org.gridmap.testing.TestServer;

/** A demo-town server with one account per role, and requests as each of them. */
final class Client extends ServerCalls {
    final String admin, monitor, staff, planner;

    Client(TestServer server) throws Exception {
        super(server);
        UserStore users = new UserStore(server.database().dataSource(), new PasswordHasher(4));
        users.create("ada", Role.ADMIN, "admin-password-1".toCharArray());
        users.create("mo", Role.MONITOR, "monitor-password-1".toCharArray());
        users.create("sam", Role.STAFF, "staff-password-1".toCharArray());
        users.create("pei", Role.PLANNER, "planner-password-1".toCharArray());
        admin = login("ada", "admin-password-1");
        monitor = login("mo", "monitor-password-1");
        staff = login("sam", "staff-password-1");
        planner = login("pei", "planner-password-1");
    }

    /** The same request with no Accept-Language: the reader's language is then Chinese. */
    HttpResponse<String> sendUnlabelled(String method, String path, String body, String token) throws Exception {
        return server.send(method, path, body, "Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return token == null ? server.get(path, "Accept-Language", "en")
                : server.get(path, "Authorization", "Bearer " + token, "Accept-Language", "en");
    }

    JsonNode getOk(String path) throws Exception {
        return expect(200, "GET", path, null, null);
    }

    JsonNode nearest(double lon, double lat) throws Exception {
        return getOk(String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f", lon, lat));
    }

    /** A landslide pinned by the monitor at {@code spot} (lon, lat), not blocking roads. */
    JsonNode landslide(String name, double radius, double[] spot) throws Exception {
        return expect(201, "POST", "/api/hazards", hazard(name, "landslide", radius, point(spot[0], spot[1]), false), monitor);
    }

    /** Changes the hazard's fields, as the monitor, at the version it was read with. */
    JsonNode patch(JsonNode hazard, String fields, int expectStatus) throws Exception {
        return expect(expectStatus, "PATCH", "/api/hazards/" + hazard.get("id").asLong(),
                "{\"version\":" + hazard.get("version").asInt() + "," + fields + "}", monitor);
    }

    static String point(double lon, double lat) {
        return String.format(Locale.ROOT, "{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}", lon, lat);
    }

    static String hazard(String name, String type, double radius, String geometry, boolean blocks) {
        return String.format(Locale.ROOT, "{\"name\":\"%s\",\"type\":\"%s\",\"radius_m\":%s,\"blocks_roads\":%s,"
                + "\"description\":\"坡体出现裂缝\",\"geometry\":%s}", name, type, radius, blocks, geometry);
    }

    double[] row(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            double[] out = new double[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) out[i] = rs.getDouble(i + 1);
            return out;
        }
    }

    List<Long> ids(String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    long count(String sql) throws Exception { return (long) row(sql)[0]; }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asLong());
        return out;
    }
}
