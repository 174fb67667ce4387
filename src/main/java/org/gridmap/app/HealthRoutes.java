package org.gridmap.app;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridmap.db.Database;
import org.gridmap.http.ErrorResponses;

/** {@code GET /health}: 200 only while the database answers, so a load balancer can act on it; and the client settings. */
public final class HealthRoutes {
    private final Database db;
    private final String version;
    private final String tiandituKey;

    public HealthRoutes(Database db, String version, String tiandituKey) {
        this.db = db;
        this.version = version;
        this.tiandituKey = tiandituKey;
    }

    /** What the web map needs to know of the deployment: the optional online basemap's key. */
    public void clientConfig(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("tianditu", tiandituKey == null ? null : Map.of("tk", tiandituKey));
        ctx.json(body);
    }

    public void health(Context ctx) {
        if (db.isUp()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("database", "up");
            body.put("version", version);
            ctx.json(body);
        } else {
            ctx.header("Retry-After", "10");
            ErrorResponses.write(ctx, 503, "unavailable", "The database does not answer.",
                    Map.of("status", "unavailable", "database", "down"));
        }
    }
}
