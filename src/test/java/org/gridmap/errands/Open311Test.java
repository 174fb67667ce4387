package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an Open311 GeoReport v2 client sees: every field the spec names, with its type and status values. */
class Open311Test {
    static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
            "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");
    static ErrandTown town;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    static HttpResponse<String> postForm(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(town.server.url("/open311/v2/requests.json")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryAndServicesDescribeTheCatalogue() throws Exception {
        JsonNode d = town.expect(200, "GET", "/open311/v2/discovery.json", null, null);
        JsonNode ep = d.get("endpoints").get(0);
        assertThat(ep.get("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(ep.get("url").asText()).endsWith("/open311/v2");
        assertThat(ep.get("formats").toString()).contains("application/json");
        assertThat(d.get("changeset").isTextual()).isTrue();
        for (String f : List.of("contact", "key_service")) assertThat(d.get(f).isTextual()).as(f).isTrue();
        assertThat(ep.get("type").asText()).isIn("production", "test");
        OffsetDateTime.parse(ep.get("changeset").asText());

        JsonNode services = town.expect(200, "GET", "/open311/v2/services.json", null, null);
        assertThat(services.isArray()).isTrue();
        assertThat(services.size()).isEqualTo(town.longs("SELECT count(*) FROM errand_items")[0]).isGreaterThanOrEqualTo(30);
        for (JsonNode s : services) {
            for (String f : List.of("service_code", "service_name", "description", "keywords", "group", "type")) {
                assertThat(s.get(f).isTextual()).as(f + " in " + s).isTrue();
            }
            assertThat(s.get("metadata").isBoolean()).isTrue();
            assertThat(s.get("type").asText()).isIn("realtime", "batch", "blackbox");
        }
        String code = services.get(0).get("service_code").asText();
        JsonNode def = town.expect(200, "GET", "/open311/v2/services/" + code + ".json", null, null);
        assertThat(def.get("service_code").asText()).isEqualTo(code);
        assertThat(def.get("attributes").isArray()).isTrue();
        town.expect(404, "GET", "/open311/v2/services/no_such_thing.json", null, null);
    }

    @Test
    void aPostLandsAtTheNearestPointsGridAndPublicReadsShowEveryFieldButNothingPersonal() throws Exception {
        double[] home = new double[2];
        String xy = town.text("SELECT ST_X(geom) || ',' || ST_Y(geom) FROM households ORDER BY id LIMIT 1 OFFSET 40");
        home[0] = Double.parseDouble(xy.split(",")[0]);
        home[1] = Double.parseDouble(xy.split(",")[1]);
        // the oracle: the rings engine's own answer for this place, over its public route
        JsonNode nearest = town.expect(200, "GET", String.format(Locale.ROOT, "/api/nearest?lon=%.7f&lat=%.7f", home[0], home[1]), null, null);
        long pointId = nearest.get("point").get("id").asLong();
        long expectedGrid = town.longs("SELECT grid_id FROM facilities WHERE id = " + pointId)[0];

        long before = town.longs("SELECT count(*) FROM errands")[0];
        HttpResponse<String> missing = postForm(Map.of("service_code", "elderly_allowance", "lat", Double.toString(home[1]),
                "long", Double.toString(home[0]), "first_name", "网民"));
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(TestServer.json(missing).get("message").asText()).contains("phone");
        assertThat(town.longs("SELECT count(*) FROM errands")[0]).isEqualTo(before);

        HttpResponse<String> posted = postForm(Map.of("service_code", "elderly_allowance", "lat", Double.toString(home[1]),
                "long", Double.toString(home[0]), "first_name", "网民", "last_name", "李", "phone", "100-2222-3333",
                "description", "我家老人今年满80岁"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        JsonNode answer = TestServer.json(posted).get(0);
        String id = answer.get("service_request_id").asText();
        assertThat(id).matches("E[0-9]{8}[A-Z2-7]{10}");
        assertThat(answer.has("service_notice")).isTrue();
        assertThat(answer.has("account_id")).isTrue();
        assertThat(town.longs("SELECT grid_id, facility_id FROM errands WHERE number = '" + id + "'"))
                .containsExactly(expectedGrid, pointId);
        assertThat(town.text("SELECT channel FROM errands WHERE number = '" + id + "'")).isEqualTo("online");

        HttpResponse<String> one = town.send("GET", "/open311/v2/requests/" + id + ".json", null, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).doesNotContain("网民").doesNotContain("100-2222-3333").doesNotContain("满80岁");
        JsonNode r = TestServer.json(one).get(0);
        for (String f : REQUEST_FIELDS) assertThat(r.has(f)).as(f).isTrue();
        // the types the spec gives: text (or null where optional), numbers for the position
        for (String f : List.of("service_request_id", "status", "service_name", "service_code", "description",
                "agency_responsible", "address", "address_id")) {
            assertThat(r.get(f).isTextual()).as(f + " is text: " + r.get(f)).isTrue();
        }
        for (String f : List.of("status_notes", "service_notice", "zipcode", "media_url")) {
            assertThat(r.get(f).isTextual() || r.get(f).isNull()).as(f + " is text or null: " + r.get(f)).isTrue();
        }
        assertThat(r.get("status").asText()).isIn("open", "closed");
        assertThat(r.get("service_request_id").asText()).isEqualTo(id);
        assertThat(r.get("status").asText()).isEqualTo("open");
        assertThat(r.get("service_code").asText()).isEqualTo("elderly_allowance");
        assertThat(r.get("lat").isNumber()).isTrue();
        assertThat(r.get("long").isNumber()).isTrue();
        assertThat(r.get("lat").asDouble()).isEqualTo(nearest.get("point").get("lat").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        for (String t : List.of("requested_datetime", "updated_datetime", "expected_datetime")) {
            OffsetDateTime.parse(r.get(t).asText());   // W3C date-time with an offset
            assertThat(r.get(t).asText()).endsWith("+08:00");
        }
        assertThat(r.get("agency_responsible").asText()).isEqualTo("民政办");
        assertThat(r.get("media_url").isNull()).isTrue();

        // the grid leader (no holder yet for an online errand) carries it up; returned means closed for Open311
        long h = town.handOff(id, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.leader).get("id").asLong();
        town.confirm(id, h, 200, town.leader);
        h = town.handOff(id, "station", "\"to_user\":\"st\"", 201, town.leader).get("id").asLong();
        town.confirm(id, h, 200, town.station);
        h = town.handOff(id, "department", "\"to_user\":\"dp\"", 201, town.station).get("id").asLong();
        town.confirm(id, h, 200, town.department);
        JsonNode listOpen = town.expect(200, "GET", "/open311/v2/requests.json?status=open&service_request_id=" + id, null, null);
        assertThat(listOpen.size()).isEqualTo(1);
        for (String s : List.of("result_ready", "returned")) {
            town.expect(200, "POST", "/api/errands/" + id + "/stage", "{\"stage\":\"" + s + "\"}", town.department);
        }
        JsonNode closed = town.expect(200, "GET", "/open311/v2/requests.json?status=closed&service_code=elderly_allowance", null, null);
        assertThat(closed.size()).isEqualTo(1);
        assertThat(closed.get(0).get("status").asText()).isEqualTo("closed");
        assertThat(town.expect(200, "GET", "/open311/v2/requests.json?status=open&service_request_id=" + id, null, null).size()).isZero();
        town.expect(400, "GET", "/open311/v2/requests.json?status=pending", null, null);
        town.expect(404, "GET", "/open311/v2/requests/E20261102AAAAAAAAAA.json", null, null);
    }
}
