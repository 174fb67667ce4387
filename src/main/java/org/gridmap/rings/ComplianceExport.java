package org.gridmap.rings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The compliance report as a table a town office files and prints: one row per ring and unit (the town, each
 * village, each grid) with origins, within the promise and the share; as CSV (UTF-8 with a byte-order mark so
 * spreadsheet programs read the Chinese names) or as an .xlsx workbook.
 */
public final class ComplianceExport {
    private ComplianceExport() { }

    /** One line of the table. share is null when a unit has no origins. */
    public record Row(int ring, String ringName, int minutes, String level, String code, String name,
                      long origins, long within, Double share) { }

    private static final List<String> HEADERS_ZH = List.of("环", "环名", "承诺（分钟）", "层级", "编码", "名称", "对象数", "达标数", "达标率");
    private static final List<String> HEADERS_EN = List.of("ring", "ring name", "promise (minutes)", "level", "code", "name", "origins", "within", "share");

    public static List<String> headers(boolean english) {
        return english ? HEADERS_EN : HEADERS_ZH;
    }

    private static String level(String level, boolean english) {
        if (english) return level;
        return switch (level) {
            case "town" -> "全镇";
            case "village" -> "村（社区）";
            default -> "网格";
        };
    }

    /** The rows of a compliance answer ({@link ComplianceReport#compute}), ring by ring: town, villages, grids. */
    @SuppressWarnings("unchecked")
    public static List<Row> rows(Map<String, Object> report, boolean english) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> ring : (List<Map<String, Object>>) report.get("rings")) {
            int number = ((Number) ring.get("ring")).intValue();
            Object nameEn = ring.get("nameEn");
            String ringName = english && nameEn != null ? String.valueOf(nameEn) : String.valueOf(ring.get("name"));
            int minutes = (int) Math.round(((Number) ring.get("limitSeconds")).doubleValue() / 60);
            rows.add(row(number, ringName, minutes, level("town", english), ring));
            for (String group : List.of("villages", "grids")) {
                Object units = ring.get(group);
                if (!(units instanceof List<?> list)) continue;
                String level = level(group.equals("villages") ? "village" : "grid", english);
                for (Object unit : list) rows.add(row(number, ringName, minutes, level, (Map<String, Object>) unit));
            }
        }
        return rows;
    }

    private static Row row(int ring, String ringName, int minutes, String level, Map<String, Object> m) {
        Object share = m.get("share");
        return new Row(ring, ringName, minutes, level, (String) m.get("code"), (String) m.get("name"),
                ((Number) m.get("origins")).longValue(), ((Number) m.get("within")).longValue(),
                share == null ? null : ((Number) share).doubleValue());
    }

    private static String csvField(Object value) {
        if (value == null) return "";
        String s = String.valueOf(value);
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }

    public static byte[] csv(List<Row> rows, boolean english) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", headers(english))).append("\r\n");
        for (Row r : rows) {
            List<Object> fields = List.of(r.ring(), r.ringName(), r.minutes(), r.level(), r.code() == null ? "" : r.code(),
                    r.name() == null ? "" : r.name(), r.origins(), r.within(), r.share() == null ? "" : r.share());
            List<String> cells = new ArrayList<>();
            for (Object f : fields) cells.add(csvField(f));
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(List<Row> rows, boolean english) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook wb = new Workbook(bytes, "gridmap", "1.0");
        Worksheet ws = wb.newWorksheet(english ? "Compliance" : "四环达标");
        List<String> headers = headers(english);
        for (int c = 0; c < headers.size(); c++) ws.value(0, c, headers.get(c));
        ws.style(0, 0).bold();
        int i = 1;
        for (Row r : rows) {
            ws.value(i, 0, r.ring());
            ws.value(i, 1, r.ringName());
            ws.value(i, 2, r.minutes());
            ws.value(i, 3, r.level());
            if (r.code() != null) ws.value(i, 4, r.code());
            if (r.name() != null) ws.value(i, 5, r.name());
            ws.value(i, 6, r.origins());
            ws.value(i, 7, r.within());
            if (r.share() != null) {
                ws.value(i, 8, r.share());
                ws.style(i, 8).format("0.0%").set();
            }
            i++;
        }
        ws.freezePane(0, 1);
        wb.finish();
        return bytes.toByteArray();
    }
}
