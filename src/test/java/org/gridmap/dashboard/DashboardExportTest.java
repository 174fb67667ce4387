package org.gridmap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The work dashboard and its exports: per village and per grid of a village, the month's visited and total
 * households in the JSON, the CSV and the workbook are the same numbers, equal to the completion API's and to a
 * count made straight from visits and households.
 */
class DashboardExportTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TestServer server;
    static String village;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(TestPostgis.newDemoDatabase());
        exec("INSERT INTO users (username, password_hash, role) VALUES ('export-visitor', '!', 'staff')");
        // September: most households once, some twice, some only nobody-home; a few visits just across the month's edges
        exec("INSERT INTO visits (household_id, user_id, grid_code, visited_at, outcome, position, distance_m, far_from_household) "
                + "SELECT h.id, (SELECT id FROM users WHERE username = 'export-visitor'), g.code, "
                + "timestamptz '2026-08-31 23:30+08' + (h.id % 31) * interval '1 day' + (h.id % 2) * interval '50 minutes', "
                + "CASE WHEN h.id % 5 = 0 THEN 'nobody_home' WHEN h.id % 7 = 0 THEN 'refused' ELSE 'met' END, h.geom, 0, false "
                + "FROM households h JOIN grids g ON g.id = h.grid_id, generate_series(1, 1 + (h.id % 3 = 0)::int) k "
                + "WHERE h.id % 9 <> 0");
        village = text("SELECT v.code FROM villages v ORDER BY (SELECT count(*) FROM grids g WHERE g.village_id = v.id) DESC LIMIT 1");
    }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void villagesInJsonCsvAndXlsxEqualTheApiAndTheVisitsThemselves() throws Exception {
        Map<String, long[]> oracle = oracle("v.code", null);
        JsonNode table = TestServer.json(server.get("/api/dashboard?month=2026-09"));
        assertThat(table.get("level").asText()).isEqualTo("village");
        Map<String, long[]> json = fromJson(table);
        assertThat(json).containsOnlyKeys(oracle.keySet());
        oracle.forEach((code, want) -> assertThat(json.get(code)).as(code).containsExactly(want));
        // the completion API's grids, summed per village
        Map<String, long[]> api = new HashMap<>();
        for (JsonNode g : TestServer.json(server.get("/api/visits/completion?month=2026-09")).get("grids")) {
            long[] s = api.computeIfAbsent(g.get("village").asText(), k -> new long[2]);
            s[0] += g.get("visited").asLong();
            s[1] += g.get("total").asLong();
        }
        api.forEach((code, sum) -> assertThat(json.get(code)).containsExactly(sum));

        List<List<String>> csv = csv(fetch("/api/dashboard/export?month=2026-09&format=csv&lang=en"));
        assertThat(csv.get(0)).containsExactly("month", "level", "code", "name", "households visited", "households", "visited share",
                "reports due", "on time", "late", "missing", "on-time share", "open cases ≤ 3 days", "open cases 4–7 days",
                "open cases 8–30 days", "open cases > 30 days");
        assertThat(rows(csv)).isEqualTo(asStrings(oracle));
        List<List<String>> xlsx = xlsx(fetch("/api/dashboard/export?month=2026-09&format=xlsx"));
        assertThat(xlsx.get(0)).containsExactly("月份", "层级", "编码", "名称", "已走访户数", "总户数", "走访完成率",
                "应报次数", "按时报告", "迟报", "未报", "按时率", "未结事件（≤3天）", "未结事件（4–7天）", "未结事件（8–30天）", "未结事件（>30天）");
        assertThat(rows(xlsx)).isEqualTo(asStrings(oracle));
        for (List<String> r : xlsx.subList(1, xlsx.size())) {
            long[] want = oracle.get(r.get(2));
            if (want[1] > 0) assertThat(Double.parseDouble(r.get(6))).isCloseTo((double) want[0] / want[1], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aVillagesGridsAreItsRows() throws Exception {
        Map<String, long[]> oracle = oracle("g.code", village);
        JsonNode table = TestServer.json(server.get("/api/dashboard?month=2026-09&village=" + village));
        assertThat(table.get("level").asText()).isEqualTo("grid");
        Map<String, long[]> json = fromJson(table);
        assertThat(json).containsOnlyKeys(oracle.keySet());
        oracle.forEach((code, want) -> assertThat(json.get(code)).as(code).containsExactly(want));
        assertThat(rows(csv(fetch("/api/dashboard/export?month=2026-09&village=" + village)))).isEqualTo(asStrings(oracle));
        assertThat(rows(xlsx(fetch("/api/dashboard/export?format=xlsx&lang=en&month=2026-09&village=" + village))))
                .isEqualTo(asStrings(oracle));
    }

    @Test
    void badRequestsAreClearAndChineseByDefault() throws Exception {
        var pdf = server.get("/api/dashboard/export?format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(pdf).get("message").asText()).isEqualTo("format 只能是 csv 或 xlsx。");
        assertThat(server.get("/api/dashboard?month=2026-9").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/dashboard?village=999999999999").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/dashboard?colour=red").statusCode()).isEqualTo(400);
    }

    // ---- helpers

    /** Per unit: households with a visit that counts in 2026-09 (town time), and households; straight from the tables. */
    static Map<String, long[]> oracle(String unit, String ofVillage) throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT " + unit + " AS unit, count(h.id) FILTER (WHERE EXISTS (SELECT 1 FROM visits x WHERE x.household_id = h.id "
                + "AND x.visited_at >= timestamptz '2026-09-01 00:00+08' AND x.visited_at < timestamptz '2026-10-01 00:00+08' "
                + "AND x.outcome IN ('met', 'refused'))) AS visited, count(h.id) AS total "
                + "FROM villages v JOIN grids g ON g.village_id = v.id LEFT JOIN households h ON h.grid_id = g.id "
                + (ofVillage == null ? "" : "WHERE v.code = '" + ofVillage + "' ") + "GROUP BY 1 ORDER BY 1")) {
            while (rs.next()) out.put(rs.getString("unit"), new long[] {rs.getLong("visited"), rs.getLong("total")});
        }
        assertThat(out.values().stream().mapToLong(v -> v[0]).sum()).isPositive();
        return out;
    }

    static Map<String, long[]> fromJson(JsonNode table) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (JsonNode r : table.get("rows")) {
            out.put(r.get("code").asText(), new long[] {r.at("/visits/visited").asLong(), r.at("/visits/total").asLong()});
        }
        return out;
    }

    static List<List<String>> asStrings(Map<String, long[]> m) {
        List<List<String>> out = new ArrayList<>();
        m.forEach((code, v) -> out.add(List.of(code, String.valueOf(v[0]), String.valueOf(v[1]))));
        return out;
    }

    /** code, visited, total of each data row, in code order. */
    static List<List<String>> rows(List<List<String>> table) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> r : table.subList(1, table.size())) {
            out.add(List.of(r.get(2), r.get(4).replaceAll("\\.0$", ""), r.get(5).replaceAll("\\.0$", "")));
        }
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    static List<List<String>> csv(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<List<String>> out = new ArrayList<>();
        // the names hold no comma or quote, so a plain split reads every field
        for (String line : text.substring(1).split("\r\n")) out.add(List.of(line.split(",", -1)));
        return out;
    }

    static List<List<String>> xlsx(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, byte[]> parts = new HashMap<>();
        Path file = Files.createTempFile("dashboard", ".xlsx");
        try (ZipFile zip = new ZipFile(Files.write(file, r.body()).toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
        } finally {
            Files.deleteIfExists(file);
        }
        List<String> shared = new ArrayList<>();
        if (parts.containsKey("xl/sharedStrings.xml")) {
            NodeList si = xml(parts.get("xl/sharedStrings.xml")).getElementsByTagName("si");
            for (int i = 0; i < si.getLength(); i++) shared.add(si.item(i).getTextContent());
        }
        NodeList xmlRows = xml(parts.get("xl/worksheets/sheet1.xml")).getElementsByTagName("row");
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < xmlRows.getLength(); i++) {
            NodeList cs = ((Element) xmlRows.item(i)).getElementsByTagName("c");
            int width = 0;
            for (int j = 0; j < cs.getLength(); j++) width = Math.max(width, ((Element) cs.item(j)).getAttribute("r").charAt(0) - 'A' + 1);
            List<String> cells = new ArrayList<>(Collections.nCopies(width, ""));
            for (int j = 0; j < cs.getLength(); j++) {
                Element c = (Element) cs.item(j);
                int col = c.getAttribute("r").charAt(0) - 'A';
                String type = c.getAttribute("t");
                String value = type.equals("inlineStr") ? c.getTextContent() : c.getElementsByTagName("v").item(0).getTextContent();
                if (type.equals("s")) value = shared.get(Integer.parseInt(value));
                cells.set(col, value);
            }
            table.add(cells);
        }
        return table;
    }

    static Document xml(byte[] bytes) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    static HttpResponse<byte[]> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    static void exec(String sql) throws Exception {
        try (Connection c = server.database().connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
