package org.gridmap.ops;

/**
 * What the server's database is now: whether it answers, primary or replica ({@code inRecovery}), how far a
 * replica's replay is behind (null on a primary, 0 when it has replayed all it received), and on a primary the
 * replicas streaming from it and how many of them are synchronous (null on a replica). Counting synchronous
 * replicas needs the {@code pg_monitor} role; without it PostgreSQL hides their state and the count reads 0.
 */
public record DatabaseState(boolean up, boolean inRecovery, Double replayLagSeconds, Integer replicas,
                            Integer syncReplicas) {
    public static final DatabaseState DOWN = new DatabaseState(false, false, null, null, null);

    public String role() { return !up ? "unknown" : inRecovery ? "replica" : "primary"; }
}
