package org.gridmap.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gridmap.dashboard.DashboardColumn;
import org.gridmap.visits.Visits;

/**
 * The work dashboard's two figures from the grid leaders' work: 3-day reports on time, and cases open by age. Both
 * are counts per grid (nothing personal, so public like the visit completion); a village's row sums its grids.
 * Counted on the injected clock, as {@link WorkService} counts them: the two answer the same numbers.
 */
public final class WorkColumns {
    private WorkColumns() { }

    /** Reports of the periods starting in the month that were due by now: on time, late, missing, the on-time share. */
    public static DashboardColumn reportsOnTime(Clock clock) {
        return new DashboardColumn() {
            @Override public String id() { return "reports"; }

            @Override public List<Field> fields() {
                return List.of(new Field("due", "应报次数", "reports due", false),
                        new Field("onTime", "按时报告", "on time", false), new Field("late", "迟报", "late", false),
                        new Field("missing", "未报", "missing", false),
                        new Field("onTimeShare", "按时率", "on-time share", true));
            }

            @Override
            public Map<String, List<Object>> values(Connection c, Visits.Month month, String village) throws SQLException {
                Map<String, long[]> sums = sum(WorkService.reportsOnTime(c, month, village, clock.instant()), village,
                        Reports.OnTime::villageCode, Reports.OnTime::gridCode,
                        r -> new long[] {r.due(), r.onTime(), r.late(), r.missing()});
                Map<String, List<Object>> out = new LinkedHashMap<>();
                sums.forEach((code, v) -> out.put(code, Arrays.asList(v[0], v[1], v[2], v[3],
                        v[0] == 0 ? null : (double) v[1] / v[0])));
                return out;
            }
        };
    }

    /** Cases open at the month's end (or now, for the month in progress), by age. */
    public static DashboardColumn openCases(Clock clock) {
        return new DashboardColumn() {
            @Override public String id() { return "openCases"; }

            @Override public List<Field> fields() {
                return List.of(new Field("upTo3Days", "未结事件（≤3天）", "open cases ≤ 3 days", false),
                        new Field("upTo7Days", "未结事件（4–7天）", "open cases 4–7 days", false),
                        new Field("upTo30Days", "未结事件（8–30天）", "open cases 8–30 days", false),
                        new Field("older", "未结事件（>30天）", "open cases > 30 days", false));
            }

            @Override
            public Map<String, List<Object>> values(Connection c, Visits.Month month, String village) throws SQLException {
                Map<String, long[]> sums = sum(WorkService.openCases(c, month, village, clock.instant()), village,
                        Reports.OpenAges::villageCode, Reports.OpenAges::gridCode,
                        r -> new long[] {r.upTo3(), r.upTo7(), r.upTo30(), r.older()});
                Map<String, List<Object>> out = new LinkedHashMap<>();
                sums.forEach((code, v) -> out.put(code, Arrays.asList(v[0], v[1], v[2], v[3])));
                return out;
            }
        };
    }

    /** Per unit: the grids' counts, summed per village when no village is named, else per grid of that village. */
    private static <R> Map<String, long[]> sum(List<R> rows, String village, Function<R, String> villageOf,
                                               Function<R, String> gridOf, Function<R, long[]> counts) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (R r : rows) {
            long[] v = counts.apply(r);
            long[] acc = out.computeIfAbsent(village == null ? villageOf.apply(r) : gridOf.apply(r), k -> new long[v.length]);
            for (int i = 0; i < v.length; i++) acc[i] += v[i];
        }
        return out;
    }
}
