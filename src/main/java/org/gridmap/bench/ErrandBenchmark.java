package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridmap.db.Database;
import org.gridmap.errands.ErrandHistory;
import org.gridmap.errands.ErrandPolicy;
import org.gridmap.errands.ErrandService;

/**
 * Errands at scale: the public lookup (number + last four phone digits) and the year's per-village on-time
 * shares of every ring, through {@link ErrandService} — no cache in front, so each call reaches the database.
 * A bench database imported before the demo history existed gets its year first.
 */
public final class ErrandBenchmark {
    private static final Instant FROM = Instant.parse("2025-07-31T16:00:00Z");
    private static final Instant TO = Instant.parse("2026-07-31T16:00:00Z");
    private final PrintStream out;

    public ErrandBenchmark(PrintStream out) { this.out = out; }

    public void run(String label, Database.Credentials creds) throws Exception {
        out.printf("%n== errands: %s ==%n", label);
        try (Database db = new Database(creds, 4)) {
            ensureHistory(db);
            ErrandService service = new ErrandService(db.dataSource(), ErrandPolicy.builtIn(), Clock.systemUTC());
            List<String[]> keys = new ArrayList<>();
            long errands;
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM errands")) {
                    rs.next();
                    errands = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT number, right(resident_phone, 4) AS last4 FROM errands "
                        + "ORDER BY md5(number) LIMIT 2000")) {
                    while (rs.next()) keys.add(new String[] {rs.getString("number"), rs.getString("last4")});
                }
            }
            for (int rep = 0; rep < 2; rep++) for (String[] k : keys) service.lookup(k[0], k[1]);
            Stats lookup = new Stats();
            int found = 0;
            for (String[] k : keys) {
                long a = System.nanoTime();
                if (service.lookup(k[0], k[1]).isPresent()) found++;
                lookup.add(System.nanoTime() - a);
            }
            out.printf(Locale.ROOT, "lookup by number + phone (%,d errands, %,d lookups, %d found): p50 %.2f ms, p99 %.2f ms%n",
                    errands, keys.size(), found, lookup.p50(), lookup.p99());
            Stats shares = time(12, 2, () -> service.stats(FROM, TO, null).rows().size());
            int villages = (int) service.stats(FROM, TO, null).rows().stream().map(r -> r.villageCode()).distinct().count();
            long handoffs = service.stats(FROM, TO, null).rows().stream().mapToLong(r -> r.handoffs()).sum();
            // the same question straight from the hand-off rows, as it was answered before the rollup (V16)
            Stats raw;
            try (Connection c = db.dataSource().getConnection()) {
                raw = time(label.contains("city") ? 3 : 12, 1, () -> fromHandOffs(c));
            }
            out.printf(Locale.ROOT, "per-village on-time shares and median stage times of the year (%d villages, %,d hand-offs): "
                    + "from the hand-offs p50 %.0f ms (%d runs) → from the rollup p50 %.1f ms, max %.1f ms (%d runs): %.0f× faster%n",
                    villages, handoffs, raw.p50(), raw.count(), shares.p50(), shares.percentileMillis(100), shares.count(),
                    raw.p50() / shares.p50());
            // a period that ends inside days and months: whole months, then days, then the hand-offs of the partial days
            Instant ragged0 = FROM.plus(Duration.ofHours(13 * 24 + 7)), ragged1 = TO.minus(Duration.ofHours(9 * 24 + 5));
            Stats ragged = time(12, 2, () -> service.stats(ragged0, ragged1, null).rows().size());
            out.printf(Locale.ROOT, "the same for %s – %s (months, days and two part days): p50 %.1f ms%n", ragged0, ragged1,
                    ragged.p50());
            List<String> someVillages = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT code FROM villages ORDER BY md5(code) LIMIT 20")) {
                while (rs.next()) someVillages.add(rs.getString("code"));
            }
            int[] next = {0};
            Stats oneVillage = time(someVillages.size() + 2, 2,
                    () -> service.stats(FROM, TO, someVillages.get(next[0]++ % someVillages.size())).rows().size());
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) AS n, pg_total_relation_size('errand_ring_rollup') AS bytes, "
                         + "pg_total_relation_size('errand_handoffs') AS handoff_bytes FROM errand_ring_rollup")) {
                rs.next();
                out.printf(Locale.ROOT, "the rollup: %,d rows, %d MiB (the hand-offs: %d MiB)%n", rs.getLong("n"),
                        rs.getLong("bytes") >> 20, rs.getLong("handoff_bytes") >> 20);
            }
            out.printf(Locale.ROOT, "one village and its grids, the year (%d villages): p50 %.1f ms%n", someVillages.size(), oneVillage.p50());
        }
    }

    interface Call { int run() throws Exception; }

    private static Stats time(int runs, int warmUp, Call call) throws Exception {
        Stats s = new Stats();
        for (int rep = 0; rep < runs; rep++) {
            long a = System.nanoTime();
            call.run();
            if (rep >= warmUp) s.add(System.nanoTime() - a);
        }
        return s;
    }

    /** The figures of the year per village and ring computed from every hand-off (the query before V16). */
    private static int fromHandOffs(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT v.code, h.from_stage, count(*) AS handoffs, count(*) FILTER (WHERE h.sent_at <= h.due_at) AS on_time,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY extract(epoch FROM h.sent_at - coalesce(p.confirmed_at, e.filed_at)) / 3600.0) AS median_hours
                FROM errand_handoffs h
                JOIN errands e ON e.id = h.errand_id
                LEFT JOIN errand_handoffs p ON p.errand_id = h.errand_id AND p.to_stage = h.from_stage
                JOIN grids g ON g.id = e.grid_id
                JOIN villages v ON v.id = g.village_id
                WHERE h.sent_at >= ? AND h.sent_at < ?
                GROUP BY v.code, h.from_stage""")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(FROM, java.time.ZoneOffset.UTC));
            ps.setObject(2, java.time.OffsetDateTime.ofInstant(TO, java.time.ZoneOffset.UTC));
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) n++;
            }
            return n;
        }
    }

    /** Bench databases are kept between runs; one imported without the history gets the demo set's year now. */
    private void ensureHistory(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM errands")) {
                rs.next();
                if (rs.getLong(1) > 0) return;
            }
            out.println("adding a year of errands (once) ...");
            List<String> towns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT code FROM towns ORDER BY code")) {
                while (rs.next()) towns.add(rs.getString("code"));
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long n = ErrandHistory.generate(c, towns, new ErrandHistory.Plan(java.time.LocalDate.parse("2026-08-01"), 0.75));
            c.commit();
            c.setAutoCommit(true);
            out.printf(Locale.ROOT, "%,d errands written in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
            s.execute("VACUUM ANALYZE");
        }
    }
}
