package org.gridmap.app;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.http.ApiException;
import org.gridmap.ops.DatabaseState;
import org.gridmap.ops.FeedHealth;
import org.gridmap.ops.OpsService;

/**
 * {@code GET /health}: 200 only while the database answers and the change feed listens (or lost it only moments
 * ago), so a load balancer can act on it; it also tells primary or replica and the feed's state. And the client
 * settings.
 */
public final class HealthRoutes {
    private final OpsService ops;
    private final ChangeFeed feed;
    private final Clock clock;
    private final String version;
    private final String tiandituKey;

    public HealthRoutes(OpsService ops, ChangeFeed feed, Clock clock, String version, String tiandituKey) {
        this.ops = ops;
        this.feed = feed;
        this.clock = clock;
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
        DatabaseState db = ops.databaseState();
        ChangeFeed.State f = feed.state();
        Instant now = clock.instant();
        Map<String, Object> feedBody = new LinkedHashMap<>();
        feedBody.put("listening", f.listening());
        feedBody.put("since", f.since().toString());
        feedBody.put("lastEventAgeSeconds", FeedHealth.lastEventAgeSeconds(f, now));
        feedBody.put("events", f.events());
        feedBody.put("reconnects", f.reconnects());
        if (!db.up()) {
            ctx.header("Retry-After", "10");
            throw new ApiException(503, "unavailable", "The database does not answer.",
                    Map.of("status", "unavailable", "database", "down", "changeFeed", feedBody))
                    .says("ops.database_down", Map.of());
        }
        if (!FeedHealth.healthy(f, now)) {
            ctx.header("Retry-After", "5");
            throw new ApiException(503, "unavailable", "The change feed has not been listening since " + f.since()
                    + "; cached tiles and rings may be stale.",
                    Map.of("status", "unavailable", "database", "up", "role", db.role(), "changeFeed", feedBody))
                    .says("ops.feed_down", Map.of("since", f.since().toString()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("database", "up");
        body.put("version", version);
        body.put("role", db.role());
        if (db.inRecovery()) body.put("replayLagSeconds", db.replayLagSeconds());
        body.put("changeFeed", feedBody);
        ctx.json(body);
    }
}
