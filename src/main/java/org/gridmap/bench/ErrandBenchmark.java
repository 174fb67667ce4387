package org.gridmap.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
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
            Stats shares = new Stats();
            int villages = 0;
            for (int rep = 0; rep < 12; rep++) {
                long a = System.nanoTime();
                villages = (int) service.stats(FROM, TO, null).rows().stream().map(r -> r.villageCode()).distinct().count();
                if (rep >= 2) shares.add(System.nanoTime() - a);
            }
            out.printf(Locale.ROOT, "per-village on-time shares and median stage times of the year (%d villages, %d runs): "
                    + "p50 %.0f ms, max %.0f ms%n", villages, shares.count(), shares.p50(), shares.percentileMillis(100));
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
