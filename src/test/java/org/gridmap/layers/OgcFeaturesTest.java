package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmap.db.Processes;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OgcFeaturesTest {
    static final List<String> COLLECTIONS = List.of("towns", "villages", "grids", "service-points", "roads", "households", "hazards",
            "party-posts", "volunteers", "firms");
    static TestServer server;

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newDemoDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    @Test
    void landingPageLinksToConformanceDataAndApi() throws Exception {
        JsonNode landing = getJson("/ogc");
        Set<String> rels = new HashSet<>();
        landing.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        assertThat(rels).contains("self", "conformance", "data", "service-desc");
        JsonNode conf = getJson("/ogc/conformance");
        assertThat(conf.get("conformsTo").toString()).contains("ogcapi-features-1/1.0/conf/core", "conf/geojson");
        JsonNode api = getJson("/ogc/api");
        assertThat(api.get("openapi").asText()).startsWith("3.0");
        // OGC paths are relative to the landing page, the document's server
        assertThat(api.get("servers").get(0).get("url").asText()).endsWith("/ogc");
        assertThat(api.get("paths").has("/collections/grids/items")).isTrue();
        assertThat(api.get("paths").has("/api/session")).isTrue();
    }

    @Test
    void everyCollectionIsListedWithExtentAndItemsLink() throws Exception {
        JsonNode cols = getJson("/ogc/collections").get("collections");
        List<String> ids = new java.util.ArrayList<>();
        cols.forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).containsExactlyElementsOf(COLLECTIONS);
        JsonNode grids = getJson("/ogc/collections/grids");
        assertThat(grids.get("extent").get("spatial").get("bbox").get(0).get(0).asDouble()).isBetween(106.2, 106.4);
    }

    @Test
    void pagingLinksWalkToTheEndAndCountExactlyNumberMatched() throws Exception {
        JsonNode page = getJson("/ogc/collections/service-points/items?limit=50");
        long matched = page.get("numberMatched").asLong();
        assertThat(matched).isEqualTo(336 + 117 + 9 + 1);
        Set<Long> seen = new HashSet<>();
        int pages = 0;
        while (true) {
            pages++;
            page.get("features").forEach(f -> assertThat(seen.add(f.get("id").asLong())).isTrue());
            assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("features").size());
            JsonNode next = null;
            for (JsonNode l : page.get("links")) if (l.get("rel").asText().equals("next")) next = l;
            if (next == null) break;
            URI u = URI.create(next.get("href").asText());
            page = getJson(u.getRawPath() + "?" + u.getRawQuery());
        }
        assertThat(seen).hasSize((int) matched);
        assertThat(pages).isEqualTo(10);
        JsonNode second = getJson("/ogc/collections/service-points/items?limit=50&offset=50");
        assertThat(second.get("links").toString()).contains("\"prev\"");
    }

    @Test
    void bboxSelectsExactlyWhatPostgisSelects() throws Exception {
        String bbox = "106.33,29.35,106.36,29.37";
        long expected;
        try (var c = server.database().connection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM households WHERE ST_Intersects(geom, "
                     + "ST_MakeEnvelope(106.33,29.35,106.36,29.37,4326))")) {
            rs.next();
            expected = rs.getLong(1);
        }
        assertThat(expected).isPositive();
        JsonNode page = getJson("/ogc/collections/households/items?limit=1&bbox=" + bbox);
        assertThat(page.get("numberMatched").asLong()).isEqualTo(expected);
        // the same box in CGCS2000 with its latitude-first axis order
        JsonNode cgcs = getJson("/ogc/collections/households/items?limit=1&bbox=29.35,106.33,29.37,106.36"
                + "&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4490");
        assertThat(cgcs.get("numberMatched").asLong()).isEqualTo(expected);
    }

    @Test
    void propertyFiltersSelectByLevelAndVillage() throws Exception {
        assertThat(getJson("/ogc/collections/service-points/items?level=station&limit=100").get("numberMatched").asLong())
                .isEqualTo(9);
        JsonNode baiguo = getJson("/ogc/collections/grids/items?village=500107109204&limit=100");
        assertThat(baiguo.get("numberMatched").asLong()).isEqualTo(18);
        baiguo.get("features").forEach(f -> assertThat(f.get("properties").get("code").asText()).startsWith("500107109204"));
        JsonNode one = getJson("/ogc/collections/grids/items/" + baiguo.get("features").get(0).get("id").asLong());
        assertThat(one.get("type").asText()).isEqualTo("Feature");
        assertThat(one.get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
        // names travel as UTF-8, whatever the client's default charset
        assertThat(one.get("properties").get("name").asText()).startsWith("白果村第").endsWith("网格");
        assertThat(baiguo.get("features").get(0).get("properties").get("village_name").asText()).isEqualTo("白果村");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/ogc/collections/grids/items?bbox=1,2,3",
        "/ogc/collections/grids/items?limit=-1",
        "/ogc/collections/grids/items?limit=abc",
        "/ogc/collections/grids/items?bbox=106.3,29.4,106.4,29.3",
        "/ogc/collections/grids/items?colour=red",
        "/ogc/collections/grids/items?bbox=1,2,3,4&bbox-crs=EPSG:3857",
        "/tiles/grids/99/0/0.mvt",
        "/tiles/grids/3/8/0.mvt",
        "/tiles/grids/a/b/c.mvt"})
    void badParametersAre400WithTheJsonError(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("bad_request");
        assertThat(TestServer.json(r).get("message").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ogc/collections/parks", "/ogc/collections/parks/items", "/ogc/collections/grids/items/999999",
        "/ogc/collections/grids/items/abc", "/tiles/parks/1/0/0.mvt", "/tiles/parks.json"})
    void unknownThingsAre404WithTheJsonError(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(TestServer.json(r).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void numberMatchedFollowsTheDataAfterAChange() throws Exception {
        long before = getJson("/ogc/collections/hazards/items?limit=1&offset=1").get("numberMatched").asLong();
        assertThat(getJson("/ogc/collections/hazards/items?limit=1&offset=2").get("numberMatched").asLong()).isEqualTo(before);
        try (var c = server.database().connection(); var s = c.createStatement()) {
            s.execute("INSERT INTO hazards (code, name, type, radius_m, geom) SELECT 'HZ-TEST-1', '测试隐患', 'landslide', 50, "
                    + "ST_PointOnSurface(geom) FROM grids ORDER BY id LIMIT 1");
        }
        long after = before;
        for (int i = 0; i < 50 && after == before; i++) {
            Thread.sleep(100);
            after = getJson("/ogc/collections/hazards/items?limit=1&offset=1").get("numberMatched").asLong();
        }
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void browsersGetHtml() throws Exception {
        HttpResponse<String> r = server.get("/ogc/collections/grids/items?limit=5", "Accept", "text/html,application/xhtml+xml",
                "Accept-Language", "en-GB,en;q=0.8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.headers().firstValue("Content-Language")).hasValue("en");
        assertThat(r.headers().firstValue("Vary").orElse("")).contains("Accept-Language");
        assertThat(r.body()).contains("<html lang=\"en\">", "<table>", "陶怡路社区第01网格", "5 of 117 features", ">Collections</a>")
                .doesNotContain("要素");
    }

    @Test
    void htmlPagesSpeakChineseToAReaderWithoutALanguage() throws Exception {
        HttpResponse<String> items = server.get("/ogc/collections/grids/items?limit=5", "Accept", "text/html");
        assertThat(items.statusCode()).isEqualTo(200);
        assertThat(items.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(items.body()).contains("<html lang=\"zh-CN\">", "共 117 个要素，显示 5 个", ">图层集合</a>")
                .doesNotContain("of 117 features", ">Collections<");
        HttpResponse<String> collections = server.get("/ogc/collections?f=html");
        assertThat(collections.body()).contains("<th>标题</th>").doesNotContain("<th>title</th>");
    }

    @Test
    void layerErrorsSpeakChineseToAReaderWithoutALanguage() throws Exception {
        HttpResponse<String> zh = server.get("/ogc/collections/no-such-layer/items");
        assertThat(zh.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(zh).get("error").asText()).isEqualTo("not_found");
        assertThat(TestServer.json(zh).get("message").asText()).startsWith("没有图层集合“no-such-layer”；已有：");
        HttpResponse<String> en = server.get("/ogc/collections/grids/items?datetime=2024-13-01", "Accept-Language", "en");
        assertThat(TestServer.json(en).get("message").asText()).startsWith("datetime '2024-13-01' is invalid: '2024-13-01' is not");
        HttpResponse<String> zhTime = server.get("/ogc/collections/grids/items?datetime=2024-13-01");
        assertThat(TestServer.json(zhTime).get("message").asText())
                .isEqualTo("datetime“2024-13-01”无效：“2024-13-01”不是 RFC 3339 日期时间，例如 2024-05-01T08:00:00Z"
                        + "（请使用时刻、start/end、../end 或 start/..）");
    }

    @Test
    void searchFindsGridsByCodePrefixAndByName() throws Exception {
        JsonNode byCode = getJson("/api/search?q=500107109204");
        assertThat(byCode.get("results").size()).isGreaterThan(1);
        assertThat(byCode.get("results").get(0).get("code").asText()).startsWith("500107109204");
        JsonNode byName = getJson("/api/search?q=" + java.net.URLEncoder.encode("白果", "UTF-8"));
        assertThat(byName.get("results").toString()).contains("白果村");
        assertThat(server.get("/api/search").statusCode()).isEqualTo(400);
    }

    @Test
    void gdalReadsEveryCollection() throws Exception {
        var info = Processes.run(List.of("ogrinfo", "-ro", "-so", "OAPIF:" + server.url("/ogc")), 120);
        assertThat(info.exitCode()).as(info.output()).isZero();
        for (String c : COLLECTIONS) assertThat(info.output()).contains(c);
        for (String c : List.of("grids", "service-points", "villages")) {
            var layer = Processes.run(List.of("ogrinfo", "-ro", "-al", "-so", "OAPIF:" + server.url("/ogc"), c), 120);
            assertThat(layer.exitCode()).as(layer.output()).isZero();
            assertThat(layer.output()).contains("Feature Count");
        }
        var count = Processes.run(List.of("ogrinfo", "-ro", "-q", "-al", "-geom=NO", "OAPIF:" + server.url("/ogc"), "grids"), 120);
        assertThat(count.exitCode()).as(count.output()).isZero();
        assertThat(count.output().split("OGRFeature\\(grids\\)", -1).length - 1).isEqualTo(117);
    }
}
