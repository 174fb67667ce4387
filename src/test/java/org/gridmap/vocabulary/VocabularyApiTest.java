package org.gridmap.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every word list is served once, named in the reader's language, and agrees with what the database accepts. */
class VocabularyApiTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newDemoDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void namesFollowAcceptLanguageChineseFirst() throws Exception {
        HttpResponse<String> plain = server.get("/api/vocabulary");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Language")).hasValue("zh-CN");
        JsonNode zh = TestServer.json(plain);
        JsonNode en = TestServer.json(server.get("/api/vocabulary", "Accept-Language", "en-GB,en;q=0.9"));
        assertThat(en.get("lang").asText()).isEqualTo("en");
        assertThat(word(zh, "staffRoles", "grid_leader").get("name").asText()).isEqualTo("网格长");
        assertThat(word(en, "staffRoles", "grid_leader").get("name").asText()).isEqualTo("grid leader");
        assertThat(word(en, "hazardStatuses", "closed").get("open").asBoolean()).isFalse();
        assertThat(word(en, "hazardStatuses", "reported").get("open").asBoolean()).isTrue();
    }

    @Test
    void theListsAreTheOnesTheDatabaseHolds() throws Exception {
        JsonNode v = TestServer.json(server.get("/api/vocabulary"));
        try (var c = server.database().connection(); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT DISTINCT type FROM hazards");
            while (rs.next()) assertThat(ids(v, "hazardTypes")).contains(rs.getString(1));
            rs = s.executeQuery("SELECT DISTINCT role FROM staff");
            List<String> roles = new ArrayList<>();
            while (rs.next()) roles.add(rs.getString(1));
            assertThat(ids(v, "staffRoles")).containsAll(roles);
            // the database refuses a role outside the list
            var refused = org.assertj.core.api.Assertions.catchThrowable(() -> s.execute(
                    "INSERT INTO staff (grid_id, role, name, phone) SELECT id, 'not_a_role', 'x', '100-0000-0000' FROM grids LIMIT 1"));
            assertThat(refused).isInstanceOf(java.sql.SQLException.class);
        }
    }

    private static JsonNode word(JsonNode doc, String list, String id) {
        for (JsonNode w : doc.get("lists").get(list)) if (w.get("id").asText().equals(id)) return w;
        throw new AssertionError(list + " has no " + id);
    }

    private static List<String> ids(JsonNode doc, String list) {
        List<String> out = new ArrayList<>();
        doc.get("lists").get(list).forEach(w -> out.add(w.get("id").asText()));
        return out;
    }
}
