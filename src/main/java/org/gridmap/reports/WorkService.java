package org.gridmap.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.gridmap.visits.Visits;

/** The work figures per grid and month: reports on time, open cases by age. Counted on the injected clock. */
public final class WorkService {
    private final DataSource db;
    private final Clock clock;

    public WorkService(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Visits.Month thisMonth() { return Visits.Month.of(clock.instant()); }

    /** Periods that start in the month; only those due by now count as due or missing. */
    public List<Reports.OnTime> reportsOnTime(Visits.Month m, String village) throws SQLException {
        return Sql.read(db, c -> reportsOnTime(c, m, village, clock.instant()));
    }

    static List<Reports.OnTime> reportsOnTime(Connection c, Visits.Month m, String village, Instant now) throws SQLException {
        LocalDate first = m.month().atDay(1), last = m.month().atEndOfMonth();
        Reports.Period p = Reports.Period.of(first);
        LocalDate start = p.start().isBefore(first) ? p.start().plusDays(Reports.PERIOD_DAYS) : p.start();
        return WorkSql.onTime(c, start, last, now, village);
    }

    /** Cases open at the month's end (or now, for the month in progress). */
    public List<Reports.OpenAges> openCases(Visits.Month m, String village) throws SQLException {
        Instant at = openCasesAt(m);
        return Sql.read(db, c -> WorkSql.openAges(c, at, village));
    }

    static List<Reports.OpenAges> openCases(Connection c, Visits.Month m, String village, Instant now) throws SQLException {
        return WorkSql.openAges(c, m.to().isBefore(now) ? m.to() : now, village);
    }

    /** The instant the open cases of a month are counted at: its end, or now for the month in progress. */
    public Instant openCasesAt(Visits.Month m) { return m.to().isBefore(clock.instant()) ? m.to() : clock.instant(); }
}
