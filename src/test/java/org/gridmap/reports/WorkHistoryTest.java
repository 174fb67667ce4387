package org.gridmap.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gridmap.db.Database;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo year of grid work that Taojia's data set asks for: cases whose history leads to their status, reports
 * with the gaps of a real town whose counts are the records', weekly meetings of every station.
 */
class WorkHistoryTest {
    static Database db;

    @BeforeAll
    static void start() {
        db = new Database(TestPostgis.newDemoDatabase(), 2);
    }

    @AfterAll
    static void stop() { db.close(); }

    static long one(String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aYearOfCasesWhoseHistoryLeadsToTheirStatus() throws Exception {
        long households = one("SELECT count(*) FROM households WHERE grid_id IS NOT NULL");
        long cases = one("SELECT count(*) FROM cases");
        assertThat(cases).isBetween((long) (households * 0.17), (long) (households * 0.23));
        assertThat(one("SELECT count(*) FROM cases WHERE opened_at < '2025-08-01 00:00+08' OR opened_at >= '2026-08-01 00:00+08'")).isZero();
        for (String kind : new String[] {"opinion", "dispute", "safety", "errand"}) {
            assertThat(one("SELECT count(*) FROM cases WHERE kind = '" + kind + "'")).as(kind).isPositive();
        }
        for (String status : new String[] {"open", "in_progress", "resolved", "closed"}) {
            assertThat(one("SELECT count(*) FROM cases WHERE status = '" + status + "'")).as(status).isPositive();
        }
        // the last status in each case's history is its status, and every step is one the lifecycle allows
        assertThat(one("""
                SELECT count(*) FROM cases k WHERE k.status IS DISTINCT FROM (SELECT h.status_after FROM case_history h
                WHERE h.case_id = k.id AND h.status_after IS NOT NULL ORDER BY h.at DESC, h.id DESC LIMIT 1)""")).isZero();
        assertThat(one("""
                SELECT count(*) FROM case_history h WHERE h.action = 'status' AND (h.status_before, h.status_after) NOT IN
                (('open', 'in_progress'), ('open', 'resolved'), ('in_progress', 'resolved'), ('resolved', 'closed'),
                 ('resolved', 'in_progress'))""")).isZero();
        assertThat(one("SELECT count(*) FROM cases WHERE kind = 'dispute' AND status IN ('resolved', 'closed') AND outcome IS NULL")).isZero();
        // recent cases are more often still open than old ones
        long recentOpen = one("SELECT count(*) FILTER (WHERE status = 'open') * 1000 / count(*) FROM cases WHERE opened_at >= '2026-07-01'");
        long oldOpen = one("SELECT count(*) FILTER (WHERE status = 'open') * 1000 / count(*) FROM cases WHERE opened_at < '2026-03-01'");
        assertThat(recentOpen).isGreaterThan(2 * oldOpen);
    }

    @Test
    void reportsHaveTheGapsOfARealTownAndCountTheRecords() throws Exception {
        long grids = one("SELECT count(*) FROM grids");
        long silent = one("SELECT count(*) FROM grids g WHERE NOT EXISTS (SELECT 1 FROM grid_reports r WHERE r.grid_id = g.id)");
        assertThat(silent).as("grids whose leader never reports").isBetween(grids / 20, grids / 5);
        long periods = one("SELECT count(*) FROM generate_series(date '2025-08-01', date '2026-07-29', interval '1 day') d "
                + "WHERE (d::date - date '1970-01-01') % 3 = 0");
        // a grid that is behind: more than a tenth of its periods late or missing
        long behind = one("SELECT count(*) FROM grids g WHERE EXISTS (SELECT 1 FROM grid_reports r WHERE r.grid_id = g.id) AND "
                + "(SELECT count(*) FILTER (WHERE late) + " + periods + " - count(*) FROM grid_reports r WHERE r.grid_id = g.id) * 10 > " + periods);
        assertThat(behind).isBetween(grids / 10, grids * 2 / 5);
        assertThat(one("SELECT count(*) FROM grid_reports WHERE late <> (submitted_at >= due_at)")).isZero();
        assertThat(one("""
                SELECT count(*) FROM grid_reports r WHERE r.cases_opened <> (SELECT count(*) FROM cases k WHERE k.grid_id = r.grid_id
                AND k.opened_at >= r.period_start::timestamp AT TIME ZONE 'Asia/Shanghai' AND k.opened_at < r.due_at)""")).isZero();
        assertThat(one("SELECT count(*) FROM station_notifications")).isEqualTo(one(
                "SELECT count(*) FROM grid_reports WHERE jsonb_array_length(urgent_items) > 0")).isPositive();
    }

    @Test
    void everyStationMeetsWeekly() throws Exception {
        long villages = one("SELECT count(*) FROM villages");
        long meetings = one("SELECT count(*) FROM station_meetings");
        assertThat(meetings).isBetween(villages * 52 * 85 / 100, villages * 53);
        assertThat(one("SELECT count(*) FROM station_meetings WHERE extract(isodow FROM held_on) <> 2")).isZero();
        assertThat(one("SELECT count(*) FROM meeting_attendance")).isEqualTo(one(
                "SELECT count(*) FROM station_meetings m JOIN grids g ON g.village_id = m.village_id"));
        assertThat(one("SELECT count(*) FROM meeting_cases")).isPositive();
    }
}
