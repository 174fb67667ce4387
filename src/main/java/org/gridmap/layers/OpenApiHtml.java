package org.gridmap.layers;

import static org.gridmap.layers.OgcHtml.esc;
import static org.gridmap.layers.OgcHtml.t;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.gridmap.http.Lang;

/** The API definition as a page a person can read: every operation with its parameters and answers. */
final class OpenApiHtml {
    private OpenApiHtml() { }

    static String render(String openApiJson, ObjectMapper json, Lang lang) {
        JsonNode doc;
        try {
            doc = json.readTree(openApiJson);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String defaultServer = doc.path("servers").path(0).path("url").asText();
        StringBuilder sb = new StringBuilder("<p>").append(esc(doc.path("info").path("description").asText()))
                .append("</p><p><a href=\"?f=json\">OpenAPI 3.0 (JSON)</a></p><table><tr><th>" + esc(t(lang, "operation"))
                        + "</th><th>" + esc(t(lang, "what")) + "</th><th>" + esc(t(lang, "parameters")) + "</th><th>"
                        + esc(t(lang, "answers")) + "</th></tr>");
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String server = path.getValue().path("servers").path(0).path("url").asText(defaultServer);
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("servers") || op.getKey().equals("parameters")) continue;
                JsonNode o = op.getValue();
                sb.append("<tr><td><code>").append(esc(op.getKey().toUpperCase())).append(' ')
                        .append(esc(server.replaceFirst("^https?://[^/]+", "") + path.getKey())).append("</code>")
                        .append(o.has("security") ? "<br><small>" + esc(t(lang, "login_required")) + "</small>" : "").append("</td><td>")
                        .append(esc(o.path("summary").asText())).append("</td><td>");
                for (JsonNode p : o.path("parameters")) {
                    sb.append("<code>").append(esc(p.path("name").asText())).append("</code> <small>")
                            .append(esc(p.path("in").asText())).append("</small> ")
                            .append(esc(p.path("description").asText())).append("<br>");
                }
                for (JsonNode p : path.getValue().path("parameters")) {
                    sb.append("<code>").append(esc(p.path("name").asText())).append("</code> <small>")
                            .append(esc(p.path("in").asText())).append("</small> ")
                            .append(esc(p.path("description").asText())).append("<br>");
                }
                if (o.has("requestBody")) sb.append("<small>").append(esc(t(lang, "json_body"))).append("</small>");
                sb.append("</td><td>");
                Iterator<Map.Entry<String, JsonNode>> rs = o.path("responses").fields();
                while (rs.hasNext()) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    sb.append("<b>").append(esc(r.getKey())).append("</b> ")
                            .append(esc(r.getValue().path("description").asText())).append("<br>");
                }
                sb.append("</td></tr>");
            }
        }
        return OgcHtml.page(lang, "API", sb.append("</table>").toString());
    }
}
