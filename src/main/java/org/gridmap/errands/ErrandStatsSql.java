package org.gridmap.errands;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gridmap.db.Sql;

/** The SQL of the errands' figures: the rings' on-time shares and stage times, and what is overdue in a village. */
final class ErrandStatsSql {
    private ErrandStatsSql() { }

    /** The calendar of the rollup's days and months (migration V16 cuts them in this zone). */
    static final ZoneId ROLLUP_ZONE = ZoneId.of("Asia/Shanghai");

    /** sum(hist[1]) AS h1, …: the histograms of the rows summed bucket by bucket (the buckets of {@link ErrandRingHistogram}). */
    private static final String HIST_SUMS = IntStream.rangeClosed(1, ErrandRingHistogram.BUCKETS)
            .mapToObj(b -> "sum(hist[" + b + "])::bigint AS h" + b).collect(Collectors.joining(", "));

    /**
     * Hand-offs read one by one, with the bucket of their stage time (as the rollup counts them). A stage's
     * time runs from the moment the errand reached the sender's level (its filing, or the confirmation of the
     * hand-off that brought it there) to the moment the sender handed it on.
     */
    private static final String HANDOFFS = """
            SELECT g.village_id, g.code AS grid_code, g.name AS grid_name, h.from_stage, 1 AS handoffs, (h.sent_at <= h.due_at)::int AS on_time,
                   errand_ring_bucket(extract(epoch FROM h.sent_at - coalesce(p.confirmed_at, e.filed_at)) / 3600.0) AS bucket
            FROM errand_handoffs h
            JOIN errands e ON e.id = h.errand_id
            -- the receipt that brought it there (an errand reaches a level once), looked up by index per hand-off:
            -- a hash join would read every hand-off of the city to find a few thousand
            LEFT JOIN LATERAL (SELECT q.confirmed_at FROM errand_handoffs q
                               WHERE q.errand_id = h.errand_id AND q.to_stage = h.from_stage LIMIT 1) p ON true
            JOIN grids g ON g.id = e.grid_id
            """;

    /** A hand-off as a histogram of one, so that it adds up with the rollup's rows. */
    private static final String ONE_BUCKET = "array_fill(0, ARRAY[bucket - 1]) || 1 AS hist";

    /**
     * One row per village and ring for hand-offs sent in [from, to), every village: whole months and days from the
     * rollup (V16), the parts of a day at either end from the hand-offs themselves.
     */
    static List<Errands.RingRow> villageRows(Connection c, Instant from, Instant to) throws SQLException {
        Period p = Period.of(from, to);
        return Sql.query(c, """
                WITH parts AS (
                    SELECT village_id, from_stage, handoffs, on_time, hist FROM errand_ring_rollup
                    WHERE span = 'month' AND start >= ? AND start < ?
                    UNION ALL
                    SELECT village_id, from_stage, handoffs, on_time, hist FROM errand_ring_rollup
                    WHERE span = 'day' AND start >= ? AND start < ?
                    UNION ALL
                    SELECT village_id, from_stage, handoffs, on_time, hist FROM errand_ring_rollup
                    WHERE span = 'day' AND start >= ? AND start < ?
                    UNION ALL
                    SELECT village_id, from_stage, handoffs, on_time, """ + ONE_BUCKET + " FROM (" + HANDOFFS + """
                        WHERE h.sent_at >= ? AND h.sent_at < ?) head
                    UNION ALL
                    SELECT village_id, from_stage, handoffs, on_time, """ + ONE_BUCKET + " FROM (" + HANDOFFS + """
                        WHERE h.sent_at >= ? AND h.sent_at < ?) tail
                ), summed AS (
                    SELECT village_id, from_stage, sum(handoffs) AS handoffs, sum(on_time) AS on_time, """ + HIST_SUMS + """
                    FROM parts GROUP BY village_id, from_stage
                )
                SELECT v.code AS village_code, v.name AS village_name, NULL::text AS grid_code, NULL::text AS grid_name, s.*
                FROM summed s JOIN villages v ON v.id = s.village_id
                WHERE s.handoffs > 0
                ORDER BY v.code, s.from_stage""",
                ErrandStatsSql::ringRow,
                p.months[0], p.months[1], p.daysBefore[0], p.daysBefore[1], p.daysAfter[0], p.daysAfter[1],
                p.head[0], p.head[1], p.tail[0], p.tail[1]);
    }

    /**
     * One row per ring for the village named and per grid of it and ring, for hand-offs sent in [from, to): a
     * village's year is a few thousand hand-offs, counted per grid, ring and bucket as the rollup counts them.
     */
    static List<Errands.RingRow> gridRows(Connection c, Instant from, Instant to, String village) throws SQLException {
        List<BucketRow> buckets = Sql.query(c, """
                SELECT x.grid_code, min(x.grid_name) AS grid_name, min(vv.name) AS village_name, x.from_stage, x.bucket,
                       sum(x.handoffs) AS handoffs, sum(x.on_time) AS on_time
                FROM (""" + HANDOFFS + """
                      WHERE g.village_id = (SELECT id FROM villages WHERE code = ?) AND h.sent_at >= ? AND h.sent_at < ?) x
                JOIN villages vv ON vv.id = x.village_id
                GROUP BY x.grid_code, x.from_stage, x.bucket""",
                rs -> new BucketRow(rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("village_name"),
                        rs.getString("from_stage"), rs.getInt("bucket"), rs.getLong("handoffs"), rs.getLong("on_time")),
                village, from, to);
        // the village's rings first, then each grid's, as the town-wide rows are ordered
        Map<String, Ring> rings = new TreeMap<>();
        for (BucketRow b : buckets) {
            rings.computeIfAbsent(" " + b.fromStage(), k -> new Ring(village, b.villageName(), null, null, b.fromStage())).add(b);
            rings.computeIfAbsent(b.gridCode() + " " + b.fromStage(),
                    k -> new Ring(village, b.villageName(), b.gridCode(), b.gridName(), b.fromStage())).add(b);
        }
        return rings.values().stream().map(Ring::row).toList();
    }

    private record BucketRow(String gridCode, String gridName, String villageName, String fromStage, int bucket,
                             long handoffs, long onTime) { }

    /** One ring of a village or grid, added up from its buckets. */
    private static final class Ring {
        final String villageCode, villageName, gridCode, gridName, fromStage;
        final long[] counts = new long[ErrandRingHistogram.BUCKETS];
        long handoffs, onTime;

        Ring(String villageCode, String villageName, String gridCode, String gridName, String fromStage) {
            this.villageCode = villageCode;
            this.villageName = villageName;
            this.gridCode = gridCode;
            this.gridName = gridName;
            this.fromStage = fromStage;
        }

        void add(BucketRow b) {
            counts[b.bucket() - 1] += b.handoffs();
            handoffs += b.handoffs();
            onTime += b.onTime();
        }

        Errands.RingRow row() {
            return new Errands.RingRow(villageCode, villageName, gridCode, gridName, fromStage, handoffs, onTime,
                    ErrandRingHistogram.median(counts));
        }
    }

    private static Errands.RingRow ringRow(ResultSet rs) throws SQLException {
        long[] counts = new long[ErrandRingHistogram.BUCKETS];
        for (int b = 1; b <= counts.length; b++) counts[b - 1] = rs.getLong("h" + b);
        String grid = rs.getString("grid_code");
        return new Errands.RingRow(rs.getString("village_code"), rs.getString("village_name"), grid,
                grid == null ? null : rs.getString("grid_name"), rs.getString("from_stage"), rs.getLong("handoffs"),
                rs.getLong("on_time"), ErrandRingHistogram.median(counts));
    }

    /**
     * [from, to) cut into whole months, whole days before and after them, and the parts of a day at either end,
     * in the rollup's calendar. A part that is empty has its start equal to its end.
     */
    private record Period(LocalDate[] months, LocalDate[] daysBefore, LocalDate[] daysAfter, Instant[] head, Instant[] tail) {
        static Period of(Instant from, Instant to) {
            LocalDate firstDay = from.atZone(ROLLUP_ZONE).toLocalDate();
            if (firstDay.atStartOfDay(ROLLUP_ZONE).toInstant().isBefore(from)) firstDay = firstDay.plusDays(1);
            LocalDate endDay = to.atZone(ROLLUP_ZONE).toLocalDate();
            Instant daysFrom = firstDay.atStartOfDay(ROLLUP_ZONE).toInstant();
            Instant daysTo = endDay.atStartOfDay(ROLLUP_ZONE).toInstant();
            if (!daysFrom.isBefore(daysTo)) {
                LocalDate none = LocalDate.EPOCH;
                return new Period(new LocalDate[] {none, none}, new LocalDate[] {none, none}, new LocalDate[] {none, none},
                        new Instant[] {from, to}, new Instant[] {to, to});
            }
            LocalDate firstMonth = firstDay.getDayOfMonth() == 1 ? firstDay : firstDay.withDayOfMonth(1).plusMonths(1);
            LocalDate endMonth = endDay.withDayOfMonth(1);
            if (!firstMonth.isBefore(endMonth)) {
                firstMonth = endDay;
                endMonth = endDay;
            }
            return new Period(new LocalDate[] {firstMonth, endMonth}, new LocalDate[] {firstDay, firstMonth},
                    new LocalDate[] {endMonth, endDay}, new Instant[] {from, daysFrom}, new Instant[] {daysTo, to});
        }
    }

    static Optional<String> villageName(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT name FROM villages WHERE code = ?", rs -> rs.getString("name"), code);
    }

    /**
     * Open errands in the village's grids past their deadline at {@code now}: a hand-off in transit past the
     * receiver's deadline, or the holder past theirs. The one named is the receiver in transit, else the holder.
     */
    static List<Errands.OverdueRow> overdue(Connection c, String village, Instant now, int limit) throws SQLException {
        return Sql.query(c, """
                SELECT e.number, e.item_code, i.name AS item_name, g.code AS grid_code, g.name AS grid_name, e.stage,
                       t.to_stage AS in_transit_to, coalesce(t.receiver_due_at, e.stage_due_at) AS due_at,
                       s.id AS staff_id, s.grid_id AS staff_grid_id, s.role AS staff_role, s.name AS staff_name,
                       s.phone AS staff_phone, s.user_id AS staff_user_id
                FROM errands e
                JOIN errand_items i ON i.code = e.item_code
                JOIN grids g ON g.id = e.grid_id
                JOIN villages v ON v.id = g.village_id
                LEFT JOIN errand_handoffs t ON t.errand_id = e.id AND t.confirmed_at IS NULL
                LEFT JOIN staff s ON s.id = CASE WHEN t.id IS NULL THEN e.holder_staff_id ELSE t.to_staff_id END
                WHERE v.code = ? AND e.stage NOT IN ('returned', 'closed')
                  AND coalesce(t.receiver_due_at, e.stage_due_at) < ?
                ORDER BY due_at, e.number LIMIT ?""",
                rs -> new Errands.OverdueRow(rs.getString("number"), rs.getString("item_code"), rs.getString("item_name"),
                        rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("stage"),
                        rs.getString("in_transit_to"), ErrandSql.instant(rs, "due_at"),
                        rs.getObject("staff_id") == null ? null : new Errands.StaffCard(rs.getLong("staff_id"),
                                rs.getLong("staff_grid_id"), rs.getString("staff_role"), rs.getString("staff_name"),
                                rs.getString("staff_phone"), ErrandSql.nullableLong(rs, "staff_user_id"))),
                village, now, limit);
    }
}
