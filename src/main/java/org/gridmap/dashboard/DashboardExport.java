package org.gridmap.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The dashboard's table for the town office: month, level, code, name, then every field of every column — as CSV
 * (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese names) or as an .xlsx workbook.
 */
public final class DashboardExport {
    private DashboardExport() { }

    public static List<String> headers(Dashboard.Table t, boolean english) {
        List<String> h = new ArrayList<>(english ? List.of("month", "level", "code", "name") : List.of("月份", "层级", "编码", "名称"));
        for (DashboardColumn c : t.columns()) for (DashboardColumn.Field f : c.fields()) h.add(english ? f.en() : f.zh());
        return h;
    }

    /** The cells of each row, in the order of {@link #headers}; null where a figure has no value. */
    public static List<List<Object>> cells(Dashboard.Table t, boolean english) {
        String level = english ? t.level() : (t.village() == null ? "村（社区）" : "网格");
        List<List<Object>> out = new ArrayList<>();
        for (Dashboard.Row r : t.rows()) {
            List<Object> cells = new ArrayList<>();
            cells.add(t.month().toString());
            cells.add(level);
            cells.add(r.unit().code());
            cells.add(english && r.unit().nameEn() != null ? r.unit().nameEn() : r.unit().name());
            for (DashboardColumn c : t.columns()) cells.addAll(r.figures().get(c.id()));
            out.add(cells);
        }
        return out;
    }

    public static byte[] csv(Dashboard.Table t, boolean english) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", headers(t, english).stream().map(DashboardExport::csvField).toList())).append("\r\n");
        for (List<Object> row : cells(t, english)) {
            out.append(String.join(",", row.stream().map(DashboardExport::csvField).toList())).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(Dashboard.Table t, boolean english) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook wb = new Workbook(bytes, "gridmap", "1.0");
        Worksheet ws = wb.newWorksheet(english ? "Work " + t.month() : "工作台账 " + t.month());
        List<String> headers = headers(t, english);
        for (int c = 0; c < headers.size(); c++) ws.value(0, c, headers.get(c));
        ws.range(0, 0, 0, headers.size() - 1).style().bold().set();
        List<Boolean> share = new ArrayList<>(List.of(false, false, false, false));
        for (DashboardColumn c : t.columns()) for (DashboardColumn.Field f : c.fields()) share.add(f.share());
        int i = 1;
        for (List<Object> row : cells(t, english)) {
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v instanceof Number n) {
                    ws.value(i, c, n);
                    if (share.get(c)) ws.style(i, c).format("0.0%").set();
                } else if (v != null) {
                    ws.value(i, c, String.valueOf(v));
                }
            }
            i++;
        }
        ws.freezePane(0, 1);
        wb.finish();
        return bytes.toByteArray();
    }

    private static String csvField(Object value) {
        if (value == null) return "";
        String s = String.valueOf(value);
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return '"' + s.replace("\"", "\"\"") + '"';
        return s;
    }
}
