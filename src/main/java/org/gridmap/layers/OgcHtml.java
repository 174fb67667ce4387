package org.gridmap.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Plain HTML views of the OGC resources, for people who open /ogc in a browser. */
final class OgcHtml {
    private OgcHtml() { }

    static String page(String title, String body) {
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + " · gridmap</title><style>"
                + "body{font:15px/1.5 system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#1d2a33}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde;padding:.3rem .5rem;text-align:left;vertical-align:top}"
                + "a{color:#0b5cad}nav a{margin-right:1rem}</style></head><body><nav><a href=\"/\">地图 Map</a>"
                + "<a href=\"/ogc?f=html\">API</a><a href=\"/ogc/collections?f=html\">Collections</a></nav><h1>"
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

    static String landing(Map<String, Object> body, ObjectMapper json) {
        return page("gridmap", "<p>" + esc(String.valueOf(body.get("description"))) + "</p>" + links(body.get("links")));
    }

    @SuppressWarnings("unchecked")
    static String conformance(Map<String, Object> body, ObjectMapper json) {
        StringBuilder sb = new StringBuilder("<ul>");
        for (String c : (List<String>) body.get("conformsTo")) sb.append("<li>").append(esc(c)).append("</li>");
        return page("Conformance", sb.append("</ul>").toString());
    }

    @SuppressWarnings("unchecked")
    static String collections(Map<String, Object> body, ObjectMapper json) {
        StringBuilder sb = new StringBuilder("<table><tr><th>id</th><th>title</th><th>description</th><th>features</th></tr>");
        for (Map<String, Object> c : (List<Map<String, Object>>) body.get("collections")) {
            String id = esc((String) c.get("id"));
            sb.append("<tr><td><a href=\"/ogc/collections/").append(id).append("?f=html\">").append(id)
                    .append("</a></td><td>").append(esc((String) c.get("title"))).append("</td><td>")
                    .append(esc((String) c.get("description"))).append("</td><td><a href=\"/ogc/collections/").append(id)
                    .append("/items?f=html\">items</a></td></tr>");
        }
        return page("Collections", sb.append("</table>").toString());
    }

    static String collection(Map<String, Object> body, ObjectMapper json) {
        return page(String.valueOf(body.get("title")), "<p>" + esc(String.valueOf(body.get("description"))) + "</p>"
                + links(body.get("links")));
    }

    static String items(Layer l, String featuresJson, long matched, int returned, List<Map<String, Object>> links,
                        ObjectMapper json) {
        StringBuilder sb = new StringBuilder("<p>" + returned + " of " + matched + " features</p>");
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
        return page(l.title(), sb.append("</table>").toString());
    }

    static String item(Layer l, String featureJson, List<Map<String, Object>> links, ObjectMapper json) {
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
            sb.append("<tr><th>geometry</th><td>").append(esc(f.get("geometry").get("type").asText())).append("</td></tr>");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return page(l.title(), sb.append("</table>").toString());
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
