package org.gridmap.reports;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.cases.Scope;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;

/**
 * Grid leaders' 3-day reports and what the station sees of them: late and missing reports, urgent items told at
 * once (logged, and sent live after the commit). Days and deadlines are the town's, on the injected clock.
 */
public final class ReportService {
    private final DataSource db;
    private final Clock clock;
    private final StationEvents events;

    public ReportService(DataSource db, Clock clock, StationEvents events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    public Instant now() { return clock.instant(); }

    /**
     * Records the grid leader's report. Without a period it is the one whose report is due next: the period just
     * ended while its report is missing, else the current one. Visits and cases are counted, not typed in.
     */
    public Reports.Report submit(Reports.NewReport r, User by) throws SQLException {
        Reports.Report saved = Sql.inTransaction(db, c -> {
            Reports.GridPlace g = ReportSql.grid(c, r.gridId()).orElseThrow(() -> ApiException.notFound("No grid " + r.gridId() + ".")
                    .says("reports.no_grid", Map.of("grid", r.gridId())));
            String name = ReportSql.leaderName(c, by.id(), g.gridId()).orElse(null);
            if (name == null && by.role() != Role.ADMIN) {
                throw ApiException.forbidden("Only the grid leader of " + g.gridCode() + " (or an admin) reports for it.")
                        .says("reports.not_leader", Map.of("grid", g.gridCode()));
            }
            Instant now = clock.instant();
            Reports.Period current = Reports.Period.of(now);
            Reports.Period p;
            if (r.urgent()) {
                p = current;
            } else if (r.periodStart() != null) {
                p = new Reports.Period(r.periodStart());
            } else {
                Reports.Period previous = current.previous();
                p = ReportSql.periods(c, g.villageId(), previous.start(), previous.start(), now).stream()
                        .anyMatch(s -> s.gridId() == g.gridId() && s.state().equals("missing")) ? previous : current;
            }
            if (p.start().isAfter(current.start())) {
                throw new ApiException(422, "future_period", "Period " + p + " has not begun.").says("reports.future_period",
                        Map.of("period", p.toString()));
            }
            Instant to = p.due().isBefore(now) ? p.due() : now;
            Reports.Counts n = ReportSql.counts(c, g.gridId(), p.from(), to);
            long id = ReportSql.insert(c, g, by.id(), name == null ? by.username() : name, p, now, r.urgent(), n,
                    r.urgentItems(), r.text());
            if (!r.urgentItems().isEmpty()) {
                ReportSql.notify(c, g.villageId(), "urgent_report", id, g.gridCode(), now,
                        g.gridCode() + ": " + String.join("; ", r.urgentItems()));
            }
            return ReportSql.report(c, id).orElseThrow();
        });
        if (!saved.urgentItems().isEmpty()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("report", saved.id());
            e.put("grid", saved.gridCode());
            e.put("by", saved.staffName());
            e.put("at", saved.submittedAt().toString());
            e.put("items", saved.urgentItems());
            events.publish(saved.villageId(), "urgent", ReportSql.json(e));
        }
        return saved;
    }

    public Reports.Report get(long id, User by) throws SQLException {
        return Sql.read(db, c -> {
            Reports.Report r = ReportSql.report(c, id).orElseThrow(() -> ApiException.notFound("No report " + id + ".")
                    .says("reports.not_found", Map.of("id", id)));
            if (!Scope.of(c, by).reads(r.gridId(), r.villageId())) throw notStation(r.gridCode());
            return r;
        });
    }

    /** The village's grids over the last {@code periods} periods (the current one first); flags are late and missing. */
    public List<Reports.PeriodState> station(String village, int periods, User by) throws SQLException {
        return Sql.read(db, c -> {
            long v = stationVillage(c, village, by);
            Reports.Period current = Reports.Period.of(clock.instant());
            LocalDate first = current.start().minusDays((long) Reports.PERIOD_DAYS * (periods - 1));
            return ReportSql.periods(c, v, first, current.start(), clock.instant());
        });
    }

    public List<Reports.Notification> notifications(String village, int limit, User by) throws SQLException {
        return Sql.read(db, c -> ReportSql.notifications(c, stationVillage(c, village, by), limit));
    }

    /** The village's id when the account may see its station (admins: every village). */
    public long stationVillage(String village, User by) throws SQLException {
        return Sql.read(db, c -> stationVillage(c, village, by));
    }

    static long stationVillage(java.sql.Connection c, String village, User by) throws SQLException {
        long v = ReportSql.villageId(c, village).orElseThrow(() -> ApiException.notFound("No village '" + village + "'.")
                .says("reports.no_village", Map.of("village", village)));
        if (!Scope.of(c, by).station(v)) throw notStation(village);
        return v;
    }

    public StationEvents events() { return events; }

    private static ApiException notStation(String what) {
        return ApiException.forbidden("Only the station of " + what + " (its grid leaders) or an admin may see this.")
                .says("reports.not_station", Map.of("what", what));
    }
}
