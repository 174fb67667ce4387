package org.gridmap.changes;

/**
 * Facts a node may have vouched for changed (migration V33, channel {@code gridmap_access}): the unvisited
 * households of some grids ({@link Kind#GRIDS}), the sessions and accounts of some users ({@link Kind#USERS}), or
 * who may see which grid ({@link Kind#ALL}). Null ids: every one of that kind — sent for large changes, and for
 * every kind when the feed lost its connection and may have missed announcements.
 */
public record AccessChange(Kind kind, long[] ids) {
    public enum Kind { GRIDS, USERS, ALL }

    public static AccessChange everything() { return new AccessChange(Kind.ALL, null); }

    public static AccessChange users(long... ids) { return new AccessChange(Kind.USERS, ids); }

    public static AccessChange grids(long... ids) { return new AccessChange(Kind.GRIDS, ids); }

    /** Whether every fact of its kind (or, for {@link Kind#ALL}, every fact) is to be dropped. */
    public boolean isEverything() { return ids == null || kind == Kind.ALL; }
}
