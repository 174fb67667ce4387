package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The town office's export of ring compliance: the CSV and the XLSX hold, for every ring, the town, each
 * village and each grid with the same counts as the JSON report. The XLSX is read back with the JDK's own zip
 * and XML parsers (the Office Open XML layout), not with the library that wrote it.
 */
class ComplianceExportTest {
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception { server = new TestServer(TestPostgis.newDemoDatabase()); }

    @AfterAll
    static void stop() { server.close(); }

    static HttpResponse<byte[]> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** [ring, level, code, origins, within] rows the JSON report implies, in its order. */
    static List<List<String>> expected() throws Exception {
        JsonNode report = TestServer.json(server.get("/api/rings/compliance?worst=1"));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode ring : report.path("rings")) {
            String n = ring.path("ring").asText();
            rows.add(List.of(n, "全镇", "", ring.path("origins").asText(), ring.path("within").asText()));
            for (JsonNode v : ring.path("villages")) rows.add(List.of(n, "村（社区）", v.path("code").asText(), v.path("origins").asText(), v.path("within").asText()));
            for (JsonNode g : ring.path("grids")) rows.add(List.of(n, "网格", g.path("code").asText(), g.path("origins").asText(), g.path("within").asText()));
        }
        return rows;
    }

    static List<List<String>> pick(List<List<String>> table) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> r : table) out.add(List.of(r.get(0), r.get(3), r.get(4), r.get(6), r.get(7)));
        return out;
    }

    @Test
    void csvHasEveryRingTownVillageAndGridWithTheReportsCounts() throws Exception {
        HttpResponse<byte[]> r = fetch("/api/rings/compliance/export?format=csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains(".csv");
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF环,环名,承诺（分钟）");
        String[] lines = text.substring(1).split("\r\n");
        List<List<String>> table = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) table.add(List.of(lines[i].split(",", -1)));
        assertThat(table).allSatisfy(row -> assertThat(row).hasSize(9));
        List<List<String>> expected = expected();
        assertThat(expected.size()).isGreaterThan(100);
        assertThat(pick(table)).containsExactlyElementsOf(expected);
        // ring 4 is held to 5 minutes in the policy
        assertThat(table).filteredOn(row -> row.get(0).equals("4")).allSatisfy(row -> assertThat(row.get(2)).isEqualTo("5"));
    }

    @Test
    void xlsxHoldsTheSameTable() throws Exception {
        HttpResponse<byte[]> r = fetch("/api/rings/compliance/export?format=xlsx&lang=en");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Map<String, byte[]> parts = new HashMap<>();
        // read through the central directory, as spreadsheet programs do (the parts are streamed with data descriptors)
        java.nio.file.Path file = java.nio.file.Files.createTempFile("compliance", ".xlsx");
        try (ZipFile zip = new ZipFile(java.nio.file.Files.write(file, r.body()).toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertThat(parts).containsKeys("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml");
        List<String> shared = new ArrayList<>();
        if (parts.containsKey("xl/sharedStrings.xml")) {
            NodeList si = xml(parts.get("xl/sharedStrings.xml")).getElementsByTagName("si");
            for (int i = 0; i < si.getLength(); i++) shared.add(si.item(i).getTextContent());
        }
        NodeList xmlRows = xml(parts.get("xl/worksheets/sheet1.xml")).getElementsByTagName("row");
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < xmlRows.getLength(); i++) {
            List<String> cells = new ArrayList<>(List.of("", "", "", "", "", "", "", "", ""));
            NodeList cs = ((Element) xmlRows.item(i)).getElementsByTagName("c");
            for (int j = 0; j < cs.getLength(); j++) {
                Element c = (Element) cs.item(j);
                int col = c.getAttribute("r").charAt(0) - 'A';
                String type = c.getAttribute("t");
                String value = type.equals("inlineStr") ? c.getTextContent()
                        : c.getElementsByTagName("v").item(0).getTextContent();
                if (type.equals("s")) value = shared.get(Integer.parseInt(value));
                cells.set(col, value);
            }
            table.add(cells);
        }
        assertThat(table.get(0)).startsWith("ring", "ring name", "promise (minutes)", "level", "code", "name", "origins", "within", "share");
        List<List<String>> expected = new ArrayList<>();
        for (List<String> e : expected()) {
            String level = switch (e.get(1)) { case "全镇" -> "town"; case "村（社区）" -> "village"; default -> "grid"; };
            expected.add(List.of(e.get(0), level, e.get(2), e.get(3), e.get(4)));
        }
        assertThat(pick(table.subList(1, table.size()))).containsExactlyElementsOf(expected);
    }

    @Test
    void anUnknownFormatIsAClear400() throws Exception {
        var r = server.get("/api/rings/compliance/export?format=pdf");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).path("error").asText()).isNotBlank();
        assertThat(TestServer.json(r).path("message").asText()).contains("csv", "xlsx");
    }

    static Document xml(byte[] bytes) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
