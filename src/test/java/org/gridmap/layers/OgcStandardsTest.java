package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.db.Processes;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OGC API – Features Part 1 and Part 2 (CRS) as the specifications and their clients expect them. */
class OgcStandardsTest {
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final String EPSG4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
    static final String EPSG4490 = "http://www.opengis.net/def/crs/EPSG/0/4490";
    static final String[] REPORTED = {"2019-03-01T00:00:00Z", "2020-06-15T12:00:00Z", "2021-09-30T23:59:59Z"};
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        // three hazards reported at known times, beside the demo's (reported when the town was loaded)
        try (var c = server.database().connection(); var s = c.createStatement()) {
            for (int i = 0; i < REPORTED.length; i++) {
                s.execute("INSERT INTO hazards (code, name, type, radius_m, geom, created_at) SELECT 'HZ-DT-" + i
                        + "', '时间测试', 'landslide', 30, ST_PointOnSurface(geom), '" + REPORTED[i]
                        + "' FROM grids ORDER BY id OFFSET " + i + " LIMIT 1");
            }
        }
    }

    @AfterAll
    static void stop() { server.close(); }

    static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    static long sqlCount(String sql) throws Exception {
        try (var c = server.database().connection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long matched(String path) throws Exception { return getJson(path).get("numberMatched").asLong(); }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    @Test
    void datetimeSelectsHazardsByWhenTheyWereReported() throws Exception {
        String items = "/ogc/collections/hazards/items?limit=1&datetime=";
        assertThat(getJson("/ogc/collections/hazards/items?datetime=" + enc(REPORTED[1])).get("features").get(0).get("properties")
                .get("code").asText()).isEqualTo("HZ-DT-1");
        assertThat(matched(items + enc(REPORTED[1]))).isEqualTo(1);
        assertThat(matched(items + "2020-06-15")).isEqualTo(1);
        assertThat(matched(items + enc("2019-01-01T00:00:00Z/2020-12-31T00:00:00Z")))
                .isEqualTo(sqlCount("SELECT count(*) FROM hazards WHERE created_at BETWEEN '2019-01-01Z' AND '2020-12-31Z'"))
                .isEqualTo(2);
        assertThat(matched(items + enc("../2020-06-15T12:00:00Z")))
                .isEqualTo(sqlCount("SELECT count(*) FROM hazards WHERE created_at <= '2020-06-15T12:00:00Z'"));
        assertThat(matched(items + enc("2021-09-30T23:59:59Z/..")))
                .isEqualTo(sqlCount("SELECT count(*) FROM hazards WHERE created_at >= '2021-09-30T23:59:59Z'"));
        assertThat(matched(items + enc("/2019-03-01T00:00:00Z"))).isEqualTo(1);
        assertThat(matched(items + enc("../..")))
                .isEqualTo(sqlCount("SELECT count(*) FROM hazards"));
        // collections without time: datetime selects every feature
        assertThat(matched("/ogc/collections/grids/items?limit=1&datetime=" + enc("2000-01-01T00:00:00Z"))).isEqualTo(117);
    }

    @Test
    void hazardsDeclareTheirTemporalExtentOthersNone() throws Exception {
        String first, last;
        try (var c = server.database().connection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(created_at), max(created_at) FROM hazards")) {
            rs.next();
            first = rs.getObject(1, java.time.OffsetDateTime.class).toInstant().toString();
            last = rs.getObject(2, java.time.OffsetDateTime.class).toInstant().toString();
        }
        JsonNode interval = null;
        for (int i = 0; i < 50; i++) {   // the extent cached before the inserts is dropped by the change feed
            interval = getJson("/ogc/collections/hazards").get("extent").get("temporal").get("interval").get(0);
            if (interval.get(0).asText().equals(first)) break;
            Thread.sleep(100);
        }
        assertThat(interval.get(0).asText()).isEqualTo(first).isEqualTo(REPORTED[0]);
        assertThat(interval.get(1).asText()).isEqualTo(last);
        assertThat(getJson("/ogc/collections/grids").get("extent").has("temporal")).isFalse();
    }

    @Test
    void aBboxWhoseWestLiesEastOfItsEastCrossesTheAntimeridian() throws Exception {
        long expected = sqlCount("SELECT count(*) FROM households WHERE ST_Intersects(geom, ST_MakeEnvelope(106.35, 29, 180, 30, 4326))"
                + " OR ST_Intersects(geom, ST_MakeEnvelope(-180, 29, 106.30, 30, 4326))");
        long all = sqlCount("SELECT count(*) FROM households");
        assertThat(expected).isPositive().isLessThan(all);
        assertThat(matched("/ogc/collections/households/items?limit=1&bbox=106.35,29,106.30,30")).isEqualTo(expected);
        assertThat(matched("/ogc/collections/households/items?limit=1&bbox=29,106.35,30,106.30&bbox-crs=" + EPSG4326))
                .isEqualTo(expected);
        assertThat(matched("/ogc/collections/households/items?limit=1&bbox=170,-90,-170,90")).isZero();
    }

    @Test
    void aLimitAboveTheMaximumGivesTheLargestPage() throws Exception {
        JsonNode page = getJson("/ogc/collections/households/items?limit=20000");
        assertThat(page.get("numberReturned").asInt()).isEqualTo(ItemsRequest.MAX_LIMIT);
        assertThat(page.get("features").size()).isEqualTo(ItemsRequest.MAX_LIMIT);
        // GDAL asks for its page size and stopped at the first refusal
        var read = Processes.run(List.of("ogrinfo", "-ro", "-q", "-al", "-geom=NO", "-oo", "PAGE_SIZE=20000",
                "OAPIF:" + server.url("/ogc"), "service-points"), 120);
        assertThat(read.exitCode()).as(read.output()).isZero();
        assertThat(read.output().split("OGRFeature\\(service-points\\)", -1).length - 1).isEqualTo(336 + 117 + 9 + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/ogc?colour=red", "/ogc/conformance?colour=red", "/ogc/api?colour=red", "/ogc/collections?colour=red",
        "/ogc/collections/grids?colour=red", "/ogc/collections/grids/queryables?colour=red",
        "/ogc/collections/grids/items/1?colour=red", "/tiles/grids/10/0/0.mvt?colour=red", "/tiles/grids.json?colour=red",
        "/ogc?f=xml", "/ogc/api?f=yaml", "/ogc/collections/grids/items?limit=0",
        "/ogc/collections/hazards/items?datetime=2020-13-01T00:00:00Z",
        "/ogc/collections/hazards/items?datetime=2021-01-01T00:00:00Z/2020-01-01T00:00:00Z",
        "/ogc/collections/hazards/items?datetime=..", "/ogc/collections/grids/items?datetime=yesterday",
        "/ogc/collections/grids/items?bbox=106.3,29.4,106.4,29.3",
        "/ogc/collections/grids/items?crs=http://www.opengis.net/def/crs/EPSG/0/3857",
        "/ogc/collections/grids/items/1?crs=EPSG:4326",
        "/ogc/collections/grids/items?bbox=29.3,106.3,29.4,106.4&bbox-crs=EPSG:4490",
        "/ogc/collections/grids/items?bbox=1,2,3,4&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857",
        "/ogc/collections/grids/items?limit=5&limit=6"})
    void unknownOrInvalidParametersAre400OnEveryResource(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(400);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("bad_request");
        assertThat(TestServer.json(r).get("message").asText()).isNotBlank();
    }

    @Test
    void tilesTakeTheRevisionTokenTheWebMapAddsAfterAnEdit() throws Exception {
        assertThat(server.get("/tiles/basemap/13/6515/3396.mvt?v=lq3k9x2").statusCode()).isEqualTo(200);
    }

    @Test
    void responsesVaryOnAcceptAndCarryTheirLinksAsHeaders() throws Exception {
        HttpResponse<String> r = server.get("/ogc/collections/grids/items?limit=5");
        assertThat(r.headers().firstValue("Vary").orElse("")).contains("Accept").contains("Accept-Encoding");
        String link = String.join(", ", r.headers().allValues("Link"));
        JsonNode body = TestServer.json(r);
        for (JsonNode l : body.get("links")) {
            String rel = l.get("rel").asText();
            if (Set.of("self", "alternate", "next").contains(rel)) {
                assertThat(link).contains("<" + l.get("href").asText() + ">; rel=\"" + rel + "\"");
            }
        }
        assertThat(link).contains("rel=\"next\"");
        for (String p : List.of("/ogc", "/ogc/collections", "/ogc/collections/grids", "/ogc/api")) {
            HttpResponse<String> x = server.get(p);
            assertThat(x.headers().firstValue("Vary").orElse("")).as(p).contains("Accept");
        }
        assertThat(server.get("/ogc").headers().firstValue("Link").orElse("")).contains("rel=\"self\"", "rel=\"alternate\"");
    }

    @Test
    void part2OffersThreeCrsAndAnswersInTheOneAskedFor() throws Exception {
        assertThat(getJson("/ogc/conformance").get("conformsTo").toString()).contains("ogcapi-features-2/1.0/conf/crs");
        for (JsonNode c : getJson("/ogc/collections").get("collections")) {
            List<String> crs = new java.util.ArrayList<>();
            c.get("crs").forEach(x -> crs.add(x.asText()));
            assertThat(crs).as(c.get("id").asText()).containsExactlyInAnyOrder(CRS84, EPSG4326, EPSG4490);
            assertThat(c.get("storageCrs").asText()).isEqualTo(CRS84);
        }
        String page = "/ogc/collections/service-points/items?level=station&limit=3";
        HttpResponse<String> plain = server.get(page);
        assertThat(plain.headers().firstValue("Content-Crs")).hasValue("<" + CRS84 + ">");
        HttpResponse<String> latLon = server.get(page + "&crs=" + EPSG4326);
        assertThat(latLon.headers().firstValue("Content-Crs")).hasValue("<" + EPSG4326 + ">");
        HttpResponse<String> cgcs = server.get(page + "&crs=" + EPSG4490);
        assertThat(cgcs.headers().firstValue("Content-Crs")).hasValue("<" + EPSG4490 + ">");
        JsonNode a = TestServer.json(plain).get("features"), b = TestServer.json(latLon).get("features"),
                g = TestServer.json(cgcs).get("features");
        for (int i = 0; i < 3; i++) {
            JsonNode lonLat = a.get(i).get("geometry").get("coordinates");
            assertThat(lonLat.get(0).asDouble()).isBetween(105.0, 108.0);
            assertThat(b.get(i).get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(lonLat.get(1).asDouble());
            assertThat(b.get(i).get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(lonLat.get(0).asDouble());
            // CGCS2000 and WGS84 agree to well under a metre here
            assertThat(g.get(i).get("geometry").get("coordinates").get(0).asDouble())
                    .isCloseTo(lonLat.get(1).asDouble(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(g.get(i).get("geometry").get("coordinates").get(1).asDouble())
                    .isCloseTo(lonLat.get(0).asDouble(), org.assertj.core.data.Offset.offset(1e-5));
        }
        long id = a.get(0).get("id").asLong();
        HttpResponse<String> one = server.get("/ogc/collections/service-points/items/" + id + "?crs=" + EPSG4326);
        assertThat(one.headers().firstValue("Content-Crs")).hasValue("<" + EPSG4326 + ">");
        assertThat(TestServer.json(one).get("geometry").get("coordinates").get(0).asDouble())
                .isEqualTo(a.get(0).get("geometry").get("coordinates").get(1).asDouble());
    }

    @Test
    void theApiDefinitionHasAnHtmlPageAndEveryLinkOfTheHtmlPagesWorks() throws Exception {
        JsonNode landing = getJson("/ogc");
        String doc = null;
        for (JsonNode l : landing.get("links")) if (l.get("rel").asText().equals("service-doc")) doc = l.get("href").asText();
        assertThat(doc).isNotNull();
        HttpResponse<String> page = server.get(URI.create(doc).getRawPath() + "?" + URI.create(doc).getRawQuery());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/ogc/collections/grids/items", "/api/hazards");

        // Crawl: every link of every HTML page answers 200; pages of a kind already seen are fetched, not followed.
        Pattern href = Pattern.compile("href=\"([^\"]+)\"");
        Deque<URI> todo = new ArrayDeque<>(List.of(URI.create(server.url("/ogc?f=html"))));
        Set<String> fetched = new HashSet<>(), kinds = new HashSet<>();
        int pages = 0;
        while (!todo.isEmpty()) {
            URI u = todo.poll();
            if (!fetched.add(u.toString())) continue;
            HttpResponse<String> r = server.get(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()),
                    "Accept", "text/html");
            assertThat(r.statusCode()).as(u + " → " + r.body()).isEqualTo(200);
            String type = r.headers().firstValue("Content-Type").orElse("");
            String kind = u.getRawPath().replaceAll("/\\d+", "/N") + "?" + (u.getRawQuery() == null ? ""
                    : u.getRawQuery().replaceAll("=[^&]*", ""));
            if (!type.startsWith("text/html") || !kinds.add(kind) || !u.getRawPath().startsWith("/ogc")) continue;
            pages++;
            Matcher m = href.matcher(r.body());
            while (m.find()) {
                URI next = u.resolve(m.group(1).replace("&amp;", "&"));
                assertThat(next.getHost()).as(next.toString()).isEqualTo("127.0.0.1");
                todo.add(next);
            }
        }
        assertThat(pages).isGreaterThan(10);
        assertThat(fetched).anyMatch(s -> s.contains("/ogc/api")).anyMatch(s -> s.contains("/items/"))
                .anyMatch(s -> s.contains("/tiles/"));
    }
}
