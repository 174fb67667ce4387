package org.gridmap.errands;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import org.gridmap.db.Sql;

/**
 * A year of plausible past errands for towns just imported, as a demo data set asks in its
 * {@code errand-history.json}: for every household about {@code perHousehold} errands a year, the item mix
 * and the seasons of a rural town, some late hand-offs, results and ratings. Written set-wise in SQL inside
 * the import's transaction, so a city of a million errands loads in bounded memory and all or nothing.
 * <p>
 * Everything but the errand numbers follows from the households' ids (hashes stand in for dice), so the same
 * set always gives the same figures; the numbers come from a strong random source, since they open the lookup.
 * The desks that received the errands (each grid leader, village station and town department) are disabled
 * accounts {@code desk-<code>-…}: a hand-off names the account that confirmed it, and nobody logs in as a desk.
 */
public final class ErrandHistory {
    /** The file of a data set that asks for the history. */
    public static final String FILE = "errand-history.json";

    /** The history a set asks for: the year that ends (exclusive) on {@code yearEnd}, errands per household. */
    public record Plan(LocalDate yearEnd, double perHousehold) {
        public static Plan parse(JsonNode doc) {
            try {
                LocalDate end = LocalDate.parse(doc.path("year_end").asText(""));
                double rate = doc.path("errands_per_household").asDouble(-1);
                if (!(rate >= 0 && rate <= 10)) throw new IllegalArgumentException("errands_per_household must be 0–10");
                return new Plan(end, rate);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("year_end must be a day such as 2026-08-01");
            }
        }
    }

    private ErrandHistory() { }

    /** Writes the history for the towns with these codes (their grids that have no errands yet); returns the errands. */
    public static long generate(Connection c, Collection<String> townCodes, Plan plan) throws SQLException {
        Sql.update(c, ErrandHistorySql.PARAMETERS, plan.yearEnd().toString(), plan.perHousehold(),
                townCodes.toArray(String[]::new));
        for (String s : ErrandHistorySql.PREPARE) Sql.update(c, s);
        // temporary tables are never analysed by themselves, and the new rows change the plans: analyse as we go
        Sql.update(c, "ANALYZE eh_errand");
        long errands = Sql.update(c, ErrandHistorySql.ERRANDS);
        Sql.update(c, "ANALYZE errands");
        Sql.update(c, "ALTER TABLE errand_handoffs DISABLE TRIGGER errand_handoffs_rules");
        Sql.update(c, ErrandHistorySql.HANDOFFS);
        Sql.update(c, "ALTER TABLE errand_handoffs ENABLE TRIGGER errand_handoffs_rules");
        Sql.update(c, "ANALYZE errand_handoffs");
        Sql.update(c, ErrandHistorySql.EVENTS);
        Sql.update(c, "CREATE INDEX ON eh_event (errand_id, seq)");
        Sql.update(c, "ANALYZE eh_event");
        // the chain is the loader's: the trigger would look up each errand's last entry row by row
        Sql.update(c, "ALTER TABLE errand_history DISABLE TRIGGER errand_history_chain");
        Sql.update(c, ErrandHistorySql.CHAIN);
        Sql.update(c, "ALTER TABLE errand_history ENABLE TRIGGER errand_history_chain");
        Sql.update(c, "ANALYZE errand_history");
        Sql.update(c, "DROP TABLE eh_param, eh_grid, eh_desk, eh_item, eh_errand, eh_event");
        return errands;
    }
}
