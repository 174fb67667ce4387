package org.gridmap.visits;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import org.gridmap.db.Sql;

/**
 * A year of past monthly visits for towns just imported, as a demo data set asks in its {@code visit-history.json}:
 * every household of a grid is visited most months by its grid leader or coordinator, with the gaps a real
 * town has — some grids behind all year, some coordinators who never visit (their half of the grid waits), a
 * thin February (the Spring Festival), households where nobody was home at the first try, a few refusals, and
 * positions recorded a little off the household (now and then far off). Written set-wise in SQL inside the
 * import's transaction, a town's year per statement, so a city of millions of visits loads in bounded memory; the
 * database's counts (V19, V23) follow by their statement triggers, once per town. Hashes of ids stand in for dice,
 * so the same set always gives the same figures.
 * <p>
 * The visitors are the grids' staff entries; the account a visit needs is the grid's disabled desk account
 * {@code desk-<grid code>-gl} (the one the errand history uses too; nobody logs in as a desk).
 */
public final class VisitHistory {
    /** The file of a data set that asks for the history. */
    public static final String FILE = "visit-history.json";

    /** The twelve months before {@code yearEnd} (a first day of a month). */
    public record Plan(LocalDate yearEnd) {
        public Plan {
            if (yearEnd.getDayOfMonth() != 1) throw new IllegalArgumentException("year_end must be the first day of a month");
        }

        public static Plan parse(JsonNode doc) {
            try {
                return new Plan(LocalDate.parse(doc.path("year_end").asText("")));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("year_end must be a day such as 2026-08-01");
            }
        }
    }

    private VisitHistory() { }

    /** Told after each town: its code, towns done, towns in all, visits written so far (first with 0 towns done). */
    @FunctionalInterface
    public interface Progress {
        void town(String code, int done, int total, long visits);
    }

    /** Writes the year for the grids of these towns that have no counted visits yet; returns the visits written. */
    public static long generate(Connection c, Collection<String> townCodes, Plan plan) throws SQLException {
        return generate(c, townCodes, plan, (code, done, total, visits) -> { });
    }

    /**
     * The same, town by town and a year per statement: each statement writes one town's year (some 170,000 visits in
     * a town of the generated city), and the city's year says how far it got after every town. A month per statement
     * ran the counts' triggers twelve times as often, each time with its joins and look-ups planned for a month.
     */
    public static long generate(Connection c, Collection<String> townCodes, Plan plan, Progress progress) throws SQLException {
        Sql.update(c, VisitHistorySql.PARAMETERS, plan.yearEnd(), townCodes.toArray(String[]::new));
        for (String s : VisitHistorySql.PREPARE) Sql.update(c, s);
        Sql.update(c, "ANALYZE vh_param, vh_grid");
        // the planner's cost of the hash dice asks for compiling each statement, which took longer than running a
        // town's month (some 15,000 rows) and saves little on a town's year
        Sql.update(c, "SET LOCAL jit = off");
        // a town's year sorted by time in memory, rather than in files on disk
        Sql.update(c, "SET LOCAL work_mem = '128MB'");
        List<String> towns = Sql.query(c, VisitHistorySql.TOWNS, rs -> rs.getString("town_code"));
        progress.town(null, 0, towns.size(), 0);
        long visits = 0;
        for (int t = 0; t < towns.size(); t++) {
            visits += Sql.update(c, VisitHistorySql.YEAR, towns.get(t), Visits.FAR_METRES);
            progress.town(towns.get(t), t + 1, towns.size(), visits);
        }
        Sql.update(c, "RESET jit");
        Sql.update(c, "RESET work_mem");
        Sql.update(c, "DROP TABLE vh_param, vh_grid");
        Sql.update(c, "ANALYZE visits");
        return visits;
    }
}
