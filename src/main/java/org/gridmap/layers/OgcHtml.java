package org.gridmap.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gridmap.http.Lang;
import org.gridmap.http.Messages;

/**
 * Plain HTML views of the OGC resources, for people who open /ogc in a browser. The page's own words (navigation,
 * headings, column names) follow the reader's language; the data (titles, descriptions, values) are shown as stored.
 */
final class OgcHtml {
    private OgcHtml() { }

    /** The page's fixed text {@code layers.html.<key>} in {@code lang}. */
    static String t(Lang lang, String key, Object... nameValues) {
        Map<String, Object> args = new java.util.HashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) args.put((String) nameValues[i], nameValues[i + 1]);
        return Messages.text(lang, "layers.html." + key, args, key);
    }

    static String page(Lang lang, String title, String body) {
        return "<!doctype html><html lang=\"" + lang.tag() + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + " · gridmap</title><style>"
                + "body{font:15px/1.5 system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#1d2a33}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde;padding:.3rem .5rem;text-align:left;vertical-align:top}"
                + "a{color:#0b5cad}nav a{margin-right:1rem}</style></head><body><nav><a href=\"/\">" + esc(t(lang, "map")) + "</a>"
                + "<a href=\"/ogc?f=html\">API</a><a href=\"/ogc/collections?f=html\">" + esc(t(lang, "collections"))
                + "</a></nav><h1>"
                + esc(title) + "</h1>" + body + "</body></html>";
    }

    @SuppressWarnings("unchecked")
    static String links(Object links) {
        StringBuilder sb = new StringBuilder("<ul>");
        for (Map<String, Object> l : (List<Map<String, Object>>) links) {
            sb.append("<li><a href=\"").append(esc(String.valueOf(l.get("href")))).append("\">")
                    .append(esc(String.valueOf(l.getOrDefault("title", l.get("rel"))))).append("</a> <small>")
                    .append(esc(String.valueOf(l.get("rel")))).append(" · ").append(esc(String.valueOf(l.get("type"))))
                    .append("</small></li>");
        }
        return sb.append("</ul>").toString();
    }

    static String landing(Map<String, Object> body, ObjectMapper json, Lang lang) {
        return page(lang, "gridmap", "<p>" + esc(String.valueOf(body.get("description"))) + "</p>" + links(body.get("links")));
    }

    @SuppressWarnings("unchecked")
    static String conformance(Map<String, Object> body, ObjectMapper json, Lang lang) {
        StringBuilder sb = new StringBuilder("<ul>");
        for (String c : (List<String>) body.get("conformsTo")) sb.append("<li>").append(esc(c)).append("</li>");
        return page(lang, t(lang, "conformance"), sb.append("</ul>").toString());
    }

    @SuppressWarnings("unchecked")
    static String collections(Map<String, Object> body, ObjectMapper json, Lang lang) {
        StringBuilder sb = new StringBuilder("<table><tr><th>id</th><th>" + esc(t(lang, "title")) + "</th><th>"
                + esc(t(lang, "description")) + "</th><th>" + esc(t(lang, "features")) + "</th></tr>");
        for (Map<String, Object> c : (List<Map<String, Object>>) body.get("collections")) {
            String id = esc((String) c.get("id"));
            sb.append("<tr><td><a href=\"/ogc/collections/").append(id).append("?f=html\">").append(id)
                    .append("</a></td><td>").append(esc((String) c.get("title"))).append("</td><td>")
                    .append(esc((String) c.get("description"))).append("</td><td><a href=\"/ogc/collections/").append(id)
                    .append("/items?f=html\">").append(esc(t(lang, "items"))).append("</a></td></tr>");
        }
        return page(lang, t(lang, "collections"), sb.append("</table>").toString());
    }

    static String collection(Map<String, Object> body, ObjectMapper json, Lang lang) {
        return page(lang, String.valueOf(body.get("title")), "<p>" + esc(String.valueOf(body.get("description"))) + "</p>"
                + links(body.get("links")));
    }

    static String items(Layer l, String featuresJson, long matched, int returned, List<Map<String, Object>> links,
                        ObjectMapper json, Lang lang) {
        StringBuilder sb = new StringBuilder("<p>" + esc(t(lang, "returned_of", "returned", returned, "matched", matched)) + "</p>");
        sb.append(links(links)).append("<table><tr><th>id</th>");
        for (Property p : l.properties()) sb.append("<th>").append(esc(p.name())).append("</th>");
        sb.append("</tr>");
        try {
            for (JsonNode f : json.readTree(featuresJson)) {
                sb.append("<tr><td><a href=\"/ogc/collections/").append(l.id()).append("/items/")
                        .append(f.get("id").asText()).append("?f=html\">").append(f.get("id").asText()).append("</a></td>");
                for (Property p : l.properties()) {
                    JsonNode v = f.get("properties").get(p.name());
                    sb.append("<td>").append(v == null || v.isNull() ? "" : esc(v.asText())).append("</td>");
                }
                sb.append("</tr>");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return page(lang, l.title(), sb.append("</table>").toString());
    }

    static String item(Layer l, String featureJson, List<Map<String, Object>> links, ObjectMapper json, Lang lang) {
        StringBuilder sb = new StringBuilder(links(links)).append("<table>");
        try {
            JsonNode f = json.readTree(featureJson);
            sb.append("<tr><th>id</th><td>").append(f.get("id").asText()).append("</td></tr>");
            Iterator<Map.Entry<String, JsonNode>> it = f.get("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append("<tr><th>").append(esc(e.getKey())).append("</th><td>")
                        .append(e.getValue().isNull() ? "" : esc(e.getValue().asText())).append("</td></tr>");
            }
            sb.append("<tr><th>").append(esc(t(lang, "geometry"))).append("</th><td>").append(esc(f.get("geometry").get("type").asText())).append("</td></tr>");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return page(lang, l.title(), sb.append("</table>").toString());
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
