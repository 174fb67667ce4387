package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.gridmap.db.Database;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.Test;

/** The one table from conflicts to answers, fed with refusals a real PostgreSQL makes. */
class ConflictsTest {

    @Test
    void theDatabasesRefusalsMapToOneStatusAndCodeEach() throws SQLException {
        Database.Credentials c = TestPostgis.newEmptyDatabase();
        try (Connection conn = DriverManager.getConnection(c.url(), c.user(), c.password()); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL CHECK (n > 0))");
            s.execute("INSERT INTO t VALUES (1, 1)");
            assertThat(answer(s, "INSERT INTO t VALUES (1, 2)")).satisfies(a -> {
                assertThat(a.status()).isEqualTo(409);
                assertThat(a.code()).isEqualTo("already_exists");
            });
            assertThat(answer(s, "INSERT INTO t VALUES (2, 0)").code()).isEqualTo("rule_broken");
            assertThat(answer(s, "INSERT INTO t VALUES (3, NULL)").status()).isEqualTo(422);
            assertThat(answer(s, "DO $$ BEGIN RAISE EXCEPTION 'grid outside its village'; END $$").getMessage())
                    .isEqualTo("grid outside its village");
            assertThat(answer(s, "SELECT 1/0")).isNull();   // the server's own failure is no conflict
        }
    }

    @Test
    void aStaleVersionNamesEveryStaleThingInOneShape() {
        ApiException e = Conflicts.staleVersions(List.of(new Conflicts.Stale("grid", 7, "500107109204001", 3, 2L),
                new Conflicts.Stale("facility", 9, "500107109204001P01", 5, 4L)));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("version_conflict");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stale = (List<Map<String, Object>>) e.details().get("stale");
        assertThat(stale).hasSize(2);
        assertThat(stale.get(1)).containsEntry("type", "facility").containsEntry("version", 5L).containsEntry("yourVersion", 4L);
        assertThat(ErrorResponses.textOf(e, Lang.ZH)).contains("网格 500107109204001", "第 3 版", "第 2 版");
        assertThat(ErrorResponses.textOf(e, Lang.EN)).contains("Grid 500107109204001", "now version 3", "you edited version 2");
    }

    private static ApiException answer(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException e) {
            return Conflicts.fromSql(e).orElse(null);
        }
        throw new AssertionError("expected a refusal: " + sql);
    }
}
