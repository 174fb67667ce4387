package org.gridmap.errands;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.gridmap.http.Lang;

/**
 * The printable four-part form (四联单): one A4 page, four copies of the same errand — the point's stub, the
 * grid's, the station's and the department's — so that every level keeps what it handed on and received and
 * the levels can check each other. Each copy carries the number, the resident (it is handed over with the
 * papers), the hand-offs with their deadlines, lines to sign, and a QR code for the public lookup.
 */
final class ErrandForm {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String[][] COPIES = {
            {"存根联", "service point's stub", "服务点留存", "kept by the service point"},
            {"网格联", "grid copy", "网格长留存", "kept by the grid leader"},
            {"服务站联", "station copy", "村便民服务站留存", "kept by the village service station"},
            {"部门联", "department copy", "承办部门留存", "kept by the department"}};
    private static final String[][] HOPS = {
            {"grid", "服务点 → 网格长", "point → grid leader"},
            {"station", "网格长 → 服务站", "grid leader → station"},
            {"department", "服务站 → 部门", "station → department"}};

    private final Lang lang;
    private final ZoneId zone;

    ErrandForm(Lang lang, ZoneId zone) {
        this.lang = lang;
        this.zone = zone;
    }

    String render(Errands.View v, String lookupUrl) {
        Errands.Errand e = v.errand();
        String qr = QrSvg.of(lookupUrl, "26mm");
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!doctype html><html lang=\"").append(lang == Lang.EN ? "en" : "zh-CN").append("\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(esc(t("民事代办四联单", "Four-part errand form"))).append(' ').append(esc(e.number()))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        for (String[] copy : COPIES) {
            b.append("<section class=\"copy\"><header><h1>").append(esc(t("民事代办四联单", "Four-part errand form")))
                    .append(" · ").append(esc(t(copy[0], copy[1]))).append("</h1><span class=\"keeper\">")
                    .append(esc(t(copy[2], copy[3]))).append("</span></header><div class=\"body\"><div class=\"fields\">");
            field(b, t("编号", "Number"), "<strong class=\"number\">" + esc(e.number()) + "</strong>");
            field(b, t("事项", "Item"), esc(t(e.itemName(), e.itemNameEn())) + " (" + e.processingDays() + t(" 天", " days") + ")");
            field(b, t("网格", "Grid"), esc(e.gridName()) + " " + esc(e.gridCode()));
            field(b, t("居民", "Resident"), esc(e.resident().name()) + " · " + esc(e.resident().phone()));
            field(b, t("受理", "Filed"), time(e.filedAt()) + " · " + esc(e.channel())
                    + (e.urgent() ? " · <b>" + esc(t("加急", "urgent")) + "</b> " + esc(e.urgentReason()) : ""));
            field(b, t("办结时限", "Result due"), time(e.resultDueAt()));
            b.append("</div><figure>").append(qr).append("<figcaption>").append(esc(t("扫码查询进度（需电话后4位）",
                    "Scan to follow it (last 4 phone digits)"))).append("<br>").append(esc(lookupUrl))
                    .append("</figcaption></figure></div><table><thead><tr><th>").append(esc(t("交接", "Hand-off")))
                    .append("</th><th>").append(esc(t("送出", "Sent"))).append("</th><th>").append(esc(t("应送达", "Due")))
                    .append("</th><th>").append(esc(t("确认接收", "Received"))).append("</th><th>")
                    .append(esc(t("移交人签字", "Handed over by"))).append("</th><th>")
                    .append(esc(t("接收人签字", "Received by"))).append("</th></tr></thead><tbody>");
            for (String[] hop : HOPS) {
                Errands.Handoff h = hop(v.handoffs(), hop[0]);
                b.append("<tr><td>").append(esc(t(hop[1], hop[2]))).append("</td><td>")
                        .append(h == null ? "" : time(h.sentAt()) + (h.late() ? " <b>" + esc(t("逾期", "late")) + "</b>" : ""))
                        .append("</td><td>").append(h == null ? "" : time(h.dueAt())).append("</td><td>")
                        .append(h == null ? "" : time(h.confirmedAt())).append("</td><td class=\"sign\"></td><td class=\"sign\"></td></tr>");
            }
            b.append("</tbody></table></section>");
        }
        return b.append("</body></html>").toString();
    }

    private static Errands.Handoff hop(List<Errands.Handoff> hs, String toStage) {
        for (Errands.Handoff h : hs) if (h.toStage().equals(toStage)) return h;
        return null;
    }

    private void field(StringBuilder b, String label, String html) {
        b.append("<div><span class=\"label\">").append(esc(label)).append("</span> ").append(html).append("</div>");
    }

    private String time(Instant t) { return t == null ? "" : TIME.format(t.atZone(zone)); }

    private String t(String zh, String en) { return lang == Lang.EN ? en : zh; }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    // four copies fill one A4 page; each is cut along its dashed line
    private static final String CSS = """
            @page { size: A4; margin: 8mm; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 8.5pt/1.3 "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; color: #000; }
            .copy { height: 69mm; padding: 2mm 3mm; border-bottom: 1px dashed #000; page-break-inside: avoid;
                    break-inside: avoid; overflow: hidden; }
            .copy:last-child { border-bottom: none; }
            header { display: flex; justify-content: space-between; align-items: baseline; }
            h1 { font-size: 11pt; margin: 0 0 1mm; }
            .keeper { font-size: 8pt; }
            .body { display: flex; justify-content: space-between; }
            .fields div { margin: 0.3mm 0; }
            .label { display: inline-block; min-width: 16mm; color: #333; }
            .number { font-family: monospace; font-size: 10pt; letter-spacing: 0.5px; }
            figure { margin: 0; text-align: center; font-size: 6.5pt; width: 48mm; }
            table { width: 100%; border-collapse: collapse; margin-top: 1mm; }
            th, td { border: 1px solid #000; padding: 0.6mm 1mm; text-align: left; font-size: 7.5pt; }
            td.sign { width: 22mm; }
            @media screen { body { max-width: 210mm; margin: 0 auto; } }
            """;
}
