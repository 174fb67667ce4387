package org.gridmap.app;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridmap.db.Database;
import org.gridmap.http.ErrorResponses;

/** {@code GET /health}: 200 only while the database answers, so a load balancer can act on it. */
public final class HealthRoutes {
    private final Database db;
    private final String version;

    public HealthRoutes(Database db, String version) {
        this.db = db;
        this.version = version;
    }

    public void health(Context ctx) {
        if (db.isUp()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("database", "up");
            body.put("version", version);
            ctx.json(body);
        } else {
            ErrorResponses.write(ctx, 503, "unavailable", "The database does not answer.",
                    Map.of("status", "unavailable", "database", "down"));
        }
    }
}
