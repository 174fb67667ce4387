package org.gridmap.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inspection times outside 1900…now are refused with the reason, and nothing is recorded. */
class HazardDatesTest {
    static TestServer server;
    static Client api;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        api = new Client(server);
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void inspectionTimesOutOfRangeAreRefused() throws Exception {
        long id = api.ids("SELECT id FROM hazards ORDER BY id LIMIT 1").get(0);
        long before = api.count("SELECT count(*) FROM hazard_inspections WHERE hazard_id = " + id);
        for (String when : new String[] {"+99999-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
                "-4000-01-01T00:00:00Z", "-999999999-01-01T00:00:00+18:00", "+999999999-12-31T23:59:59-18:00"}) {
            JsonNode refused = api.expect(422, "POST", "/api/hazards/" + id + "/inspections",
                    "{\"observation\":\"裂缝\",\"inspected_at\":\"" + when + "\"}", api.monitor);
            assertThat(refused.get("error").asText()).as(when).isEqualTo("invalid_inspection");
            assertThat(refused.get("message").asText()).as(when).contains("inspected_at");
        }
        assertThat(api.count("SELECT count(*) FROM hazard_inspections WHERE hazard_id = " + id)).isEqualTo(before);
        api.expect(201, "POST", "/api/hazards/" + id + "/inspections",
                "{\"observation\":\"裂缝\",\"inspected_at\":\"1900-01-01T00:00:00+08:00\"}", api.monitor);
        assertThat(api.count("SELECT count(*) FROM hazard_inspections WHERE hazard_id = " + id)).isEqualTo(before + 1);
    }
}
