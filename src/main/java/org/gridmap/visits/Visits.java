package org.gridmap.visits;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/** The values visits are made of. */
public final class Visits {
    private Visits() { }

    /** The town's calendar: a month starts at midnight in this zone, wherever the server runs. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A device position this far (metres, on the ellipsoid) from the household flags the visit. */
    public static final double FAR_METRES = 200;

    /** A calendar month of the town and the instants it spans, [from, to). */
    public record Month(YearMonth month) {
        public Instant from() { return month.atDay(1).atStartOfDay(ZONE).toInstant(); }
        public Instant to() { return month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant(); }
        /** The month's first day, as the database's {@code visit_month} names it. */
        public java.time.LocalDate first() { return month.atDay(1); }
        public static Month of(Instant t) { return new Month(YearMonth.from(t.atZone(ZONE))); }
        @Override public String toString() { return month.toString(); }
    }

    public record NewVisit(long householdId, String outcome, String findings, String notes, double lon, double lat) { }

    public record Visit(long id, long householdId, String gridCode, Long staffId, String staffName, Instant visitedAt,
                        String outcome, String findings, String notes, double lon, double lat, double distanceM,
                        boolean farFromHousehold) { }

    /** The household as the visitor's grid sees it now. */
    public record Household(long id, Long gridId, String gridCode) { }

    /** A grid's month: households visited (by a counting outcome) out of its households of today. */
    public record GridCompletion(long gridId, String gridCode, String gridName, String villageCode, int visited, int total) { }

    /** Who visited in a grid this month, and how many of its households. */
    public record Visitor(long gridId, Long staffId, String name, int households) { }

    public record Completion(Month month, List<GridCompletion> grids, List<Visitor> visitors) { }

    /** A household of the grid with no counting visit this month; attempts are visits that found nobody home. */
    public record Unvisited(long id, int members, double lon, double lat, int attempts, Instant lastAttempt) { }

    public record GridRef(long id, String code) { }

    /** A village's or grid's month, summed over its grids. */
    public record UnitCompletion(String code, long visited, long total) { }
}
