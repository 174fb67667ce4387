package org.gridmap.ops;

import java.time.Duration;
import java.time.Instant;
import org.gridmap.changes.ChangeFeed;

/**
 * Whether a node may keep serving by its change feed. A feed that is not listening means the node's caches
 * (tiles, extents, rings) may miss edits made elsewhere, so a load balancer should stop sending it readers; but
 * the feed reconnects within a second or two on its own (and then drops every cache), so a short gap — at
 * start, after a database restart — is not yet a failure.
 */
public final class FeedHealth {
    public static final Duration GRACE = Duration.ofSeconds(10);

    private FeedHealth() { }

    public static boolean healthy(ChangeFeed.State s, Instant now) {
        return s.listening() || Duration.between(s.since(), now).compareTo(GRACE) <= 0;
    }

    /** Seconds since the last handled change, or null before the first. */
    public static Double lastEventAgeSeconds(ChangeFeed.State s, Instant now) {
        return s.lastEvent() == null ? null : Duration.between(s.lastEvent(), now).toMillis() / 1000.0;
    }
}
