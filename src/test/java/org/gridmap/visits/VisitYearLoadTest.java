package org.gridmap.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.db.Database;
import org.gridmap.demo.TownGenerator;
import org.gridmap.importer.GeoJsonSetImporter;
import org.gridmap.importer.ImportProgress;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The year loader on a generated city of three towns (the map imported alone): a town's year a statement, towns
 * added later resuming after those already written, and every row of the counts the database keeps (V19, V23)
 * equal to a recount made straight from {@code visits}, {@code households} and {@code users}.
 */
class VisitYearLoadTest {
    private static final VisitHistory.Plan PLAN = new VisitHistory.Plan(LocalDate.parse("2026-08-01"));

    @TempDir
    static Path dir;
    static Database db;
    static List<String> towns = new ArrayList<>();

    @BeforeAll
    static void city() throws Exception {
        TownGenerator.generate(3, 7L, dir, false, (done, total, line) -> { });
        db = new Database(TestPostgis.newMigratedDatabase(), 2);
        new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, ImportProgress.NONE);
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            // a year for 44,000 households is half a million visits: the households of one grid in six are enough,
            // and the others' grids, left empty, are asked for again by every later load (and get nothing)
            s.execute("DELETE FROM households WHERE grid_id % 6 <> 0");
            try (ResultSet rs = s.executeQuery("SELECT code FROM towns ORDER BY code")) {
                while (rs.next()) towns.add(rs.getString("code"));
            }
        }
        assertThat(towns).hasSize(3);
    }

    @AfterAll
    static void stop() { if (db != null) db.close(); }

    @Test
    void aFewTownsYearInBulkKeepsEveryCountExact() throws Exception {
        List<String> told = new ArrayList<>();
        long first = load(towns.subList(0, 2), told);
        assertThat(told).hasSize(3).startsWith("null 0/2 0");
        assertThat(told.get(1)).startsWith(towns.get(0) + " 1/2 ");
        assertThat(told.get(2)).isEqualTo(towns.get(1) + " 2/2 " + first);
        assertThat(longOf("SELECT count(*) FROM visits")).isEqualTo(first).isGreaterThan(20_000);
        assertThat(longOf("SELECT count(DISTINCT visit_month(visited_at)) FROM visits")).isEqualTo(12);
        assertCountsEqualTheVisits();

        // the whole city asked again: the first two towns' households all have their year, so only the third's is written
        told.clear();
        long more = load(towns, told);
        assertThat(told).containsExactly("null 0/3 0", towns.get(0) + " 1/3 0", towns.get(1) + " 2/3 0",
                towns.get(2) + " 3/3 " + more);
        assertThat(more).isPositive();
        assertThat(longOf("SELECT count(*) FROM visits")).isEqualTo(first + more);
        assertThat(longOf("SELECT count(DISTINCT h.grid_id) FROM visits x JOIN households h ON h.id = x.household_id"))
                .isEqualTo(longOf("SELECT count(DISTINCT grid_id) FROM households"));
        assertCountsEqualTheVisits();
        assertThat(load(towns, new ArrayList<>())).as("nothing left to write").isZero();
    }

    /** The reason households need no reference from the counts: a household with visits is never deleted. */
    @Test
    void aHouseholdWithVisitsIsNotDeleted() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                VisitHistory.generate(c, towns.subList(0, 1), PLAN);
                assertThatThrownBy(() -> s.execute("DELETE FROM households WHERE id = (SELECT min(household_id) FROM visits)"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            } finally {
                c.rollback();
            }
        }
    }

    /** A TRUNCATE skips row and statement triggers; the counts kept from visits are emptied with them (V29). */
    @Test
    void emptyingVisitsEmptiesTheirCounts() throws Exception {
        String[] kept = {"visit_household_months", "visit_grid_months", "visit_household_visitors", "visit_grid_visitors"};
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                VisitHistory.generate(c, towns.subList(0, 1), PLAN);
                for (String table : kept) assertThat(longOf(s, "SELECT count(*) FROM " + table)).as(table).isPositive();
                s.execute("TRUNCATE visits CASCADE");
                for (String table : kept) assertThat(longOf(s, "SELECT count(*) FROM " + table)).as(table).isZero();
            } finally {
                c.rollback();
            }
        }
    }

    /** The same for households: a TRUNCATE of them leaves no grid with a household total (V32), nor any visit count. */
    @Test
    void emptyingHouseholdsEmptiesTheirCounts() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                VisitHistory.generate(c, towns.subList(0, 1), PLAN);
                assertThat(longOf(s, "SELECT count(*) FROM grid_household_counts WHERE households > 0")).isPositive();
                s.execute("TRUNCATE households CASCADE");
                assertThat(longOf(s, "SELECT count(*) FROM grid_household_counts")).isZero();
                assertThat(longOf(s, "SELECT count(*) FROM visit_grid_months")).isZero();
            } finally {
                c.rollback();
            }
        }
    }

    private static long load(List<String> codes, List<String> told) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            long n = VisitHistory.generate(c, codes, PLAN, (code, done, total, visits) -> told.add(code + " " + done + "/" + total + " " + visits));
            c.commit();
            return n;
        }
    }

    /** Every kept row against its recount (rows counting nothing may be kept or not), and both sides not empty. */
    private static void assertCountsEqualTheVisits() throws SQLException {
        String counting = "x.outcome IN ('met', 'refused')";
        String month = "date_trunc('month', x.visited_at AT TIME ZONE 'Asia/Shanghai')::date";
        assertSame("households visited per month",
                "SELECT DISTINCT x.household_id, " + month + " FROM visits x WHERE " + counting,
                "SELECT household_id, month FROM visit_household_months");
        assertSame("households visited per grid and month",
                "SELECT h.grid_id, " + month + ", count(DISTINCT x.household_id) FROM visits x "
                        + "JOIN households h ON h.id = x.household_id WHERE h.grid_id IS NOT NULL AND " + counting + " GROUP BY 1, 2",
                "SELECT grid_id, month, visited FROM visit_grid_months WHERE visited > 0");
        assertSame("households per visitor and month",
                "SELECT DISTINCT x.household_id, " + month + ", x.staff_id, coalesce(x.staff_name, u.username) FROM visits x "
                        + "JOIN users u ON u.id = x.user_id WHERE " + counting,
                "SELECT household_id, month, staff_id, name FROM visit_household_visitors");
        assertSame("households per grid, month and visitor",
                "SELECT h.grid_id, " + month + ", x.staff_id, coalesce(x.staff_name, u.username), count(DISTINCT x.household_id) "
                        + "FROM visits x JOIN users u ON u.id = x.user_id JOIN households h ON h.id = x.household_id "
                        + "WHERE h.grid_id IS NOT NULL AND " + counting + " GROUP BY 1, 2, 3, 4",
                "SELECT grid_id, month, staff_id, name, households FROM visit_grid_visitors WHERE households > 0");
        assertSame("households per grid",
                "SELECT grid_id, count(*) FROM households WHERE grid_id IS NOT NULL GROUP BY 1",
                "SELECT grid_id, households FROM grid_household_counts WHERE households > 0");
    }

    private static void assertSame(String what, String recount, String kept) throws SQLException {
        assertThat(longOf("SELECT count(*) FROM (" + recount + ") r")).as(what + ": recounted rows").isPositive();
        assertThat(longOf("SELECT count(*) FROM ((" + recount + ") EXCEPT ALL (" + kept + ")) d")).as(what + ": recounted, not kept").isZero();
        assertThat(longOf("SELECT count(*) FROM ((" + kept + ") EXCEPT ALL (" + recount + ")) d")).as(what + ": kept, not recounted").isZero();
    }

    private static long longOf(String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            return longOf(s, sql);
        }
    }

    private static long longOf(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }
}
