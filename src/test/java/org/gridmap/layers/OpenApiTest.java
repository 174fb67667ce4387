package org.gridmap.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.db.Processes;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document: valid for a standard parser, true to the server, and usable by GDAL to filter on the server. */
class OpenApiTest {
    static TestServer server;
    static JsonNode doc;
    static String raw;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        HttpResponse<String> r = server.get("/ogc/api", "Accept", "application/vnd.oai.openapi+json;version=3.0");
        assertThat(r.statusCode()).isEqualTo(200);
        raw = r.body();
        doc = TestServer.json(r);
    }

    @AfterAll
    static void stop() { server.close(); }

    /** Every operation as (path, method, operation, path item). */
    record Op(String path, String method, JsonNode op, JsonNode item) { }

    static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            Iterator<Map.Entry<String, JsonNode>> it = p.getValue().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> m = it.next();
                if (!m.getKey().equals("servers") && !m.getKey().equals("parameters")) {
                    ops.add(new Op(p.getKey(), m.getKey(), m.getValue(), p.getValue()));
                }
            }
        }
        return ops;
    }

    @Test
    void aStandardParserFindsNoProblem() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(raw, null, options);
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getMessages()).isEmpty();
    }

    @Test
    void everyOperationDeclaresItsParametersBodyAnswersAndSecurity() {
        Pattern template = Pattern.compile("\\{([^}]+)}");
        List<Op> ops = operations();
        assertThat(ops).hasSizeGreaterThan(60);
        for (Op o : ops) {
            String at = o.method() + " " + o.path();
            Matcher m = template.matcher(o.path());
            while (m.find()) {
                String name = m.group(1);
                boolean declared = false;
                for (JsonNode p : o.op().path("parameters")) {
                    declared |= p.get("in").asText().equals("path") && p.get("name").asText().equals(name);
                }
                assertThat(declared).as(at + " declares {" + name + "}").isTrue();
            }
            if (o.method().equals("post") || o.method().equals("patch") || o.method().equals("put")) {
                assertThat(o.op().has("requestBody")).as(at + " request body").isTrue();
            }
            JsonNode responses = o.op().get("responses");
            boolean described = false;
            Iterator<String> codes = responses.fieldNames();
            while (codes.hasNext()) {
                String code = codes.next();
                if (code.startsWith("2")) described |= code.equals("204") || responses.get(code).has("content");
            }
            assertThat(described).as(at + " success schema").isTrue();
            assertThat(o.op().has("security")).as(at + " security").isTrue();
            if (o.op().get("security").size() > 0) assertThat(responses.has("401")).as(at + " 401").isTrue();
        }
        assertThat(doc.at("/paths/~1api~1staff~1{id}/delete/responses").has("204")).isTrue();
        assertThat(doc.at("/paths/~1collections~1grids~1items/get/responses").has("304")).isTrue();
        assertThat(doc.at("/paths/~1api~1hazards~1{id}/patch/responses").has("409")).isTrue();
        assertThat(doc.at("/paths/~1api~1hazards~1{id}/patch/responses").has("422")).isTrue();
        assertThat(doc.at("/paths/~1api~1users/post/responses").has("403")).isTrue();
    }

    @Test
    void securityIsDeclaredExactlyWhereTheServerAsksForALogin() throws Exception {
        String ogcServer = doc.get("servers").get(0).get("url").asText();
        for (Op o : operations()) {
            String server0 = o.item().path("servers").path(0).path("url").asText(ogcServer);
            String url = server0 + o.path().replaceAll("\\{[^}]+}", "1");
            String path = url.replaceFirst("^https?://[^/]+", "");
            HttpResponse<String> r = server.send(o.method().toUpperCase(), path, o.method().equals("get") ? null : "{}");
            boolean secured = o.op().get("security").size() > 0;
            assertThat(r.statusCode() == 401).as(o.method() + " " + path + " → " + r.statusCode() + " " + r.body()
                    + "; declared security: " + secured).isEqualTo(secured);
        }
    }

    @Test
    void gdalSendsAnAttributeFilterToTheServer() throws Exception {
        var run = Processes.run(List.of("ogrinfo", "-ro", "-q", "-al", "-geom=NO", "--config", "CPL_DEBUG", "ON",
                "-where", "level='station'", "OAPIF:" + server.url("/ogc"), "service-points"), 120);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("evaluated on client side");
        assertThat(run.output().split("OGRFeature\\(service-points\\)", -1).length - 1).isEqualTo(9);
        // GDAL reads one page to learn the schema; the features themselves come filtered by the server, in one page
        List<String> itemFetches = run.output().lines().filter(l -> l.contains("Fetch(") && l.contains("/items")).toList();
        assertThat(itemFetches.stream().filter(l -> l.contains("level=station"))).hasSize(1);
        assertThat(itemFetches.stream().filter(l -> !l.contains("level=station"))).hasSizeLessThanOrEqualTo(1)
                .noneMatch(l -> l.contains("offset="));
    }
}
