package org.gridmap.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Sql}, the one way to the database, on a real PostgreSQL: transactions, mapping by name, SQLStates as client answers. */
class SqlTest {
    static Database db;

    @BeforeAll
    static void start() throws Exception {
        db = new Database(TestPostgis.newEmptyDatabase(), 2);
        Sql.inTransaction(db.dataSource(), c -> {
            Sql.update(c, "CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL CHECK (name <> ''), at timestamptz, tags text[])");
            Sql.update(c, """
                    CREATE FUNCTION t_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.name = 'forbidden' THEN RAISE EXCEPTION 'the name % is refused', NEW.name; END IF; RETURN NEW; END $$""");
            return Sql.update(c, "CREATE TRIGGER t_refuse BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION t_refuse()");
        });
    }

    @AfterAll
    static void stop() { db.close(); }

    record Row(int id, String name, Instant at, List<String> tags) { }

    static final Sql.Row<Row> ROW = rs -> new Row(rs.getInt("id"), rs.getString("name"),
            rs.getObject("at", java.time.OffsetDateTime.class).toInstant(), List.of((String[]) rs.getArray("tags").getArray()));

    @Test
    void valuesGoInAndComeBackByName() throws Exception {
        Instant t = Instant.parse("2026-11-02T01:02:03.456Z");
        Sql.inTransaction(db.dataSource(), c -> Sql.update(c, "INSERT INTO t VALUES (?, ?, ?, ?)", 1, "一", t, new String[] {"a", "b"}));
        Row r = Sql.read(db.dataSource(), c -> Sql.one(c, "SELECT tags, at, name, id FROM t WHERE id = ?", ROW, 1)).orElseThrow();
        assertThat(r).isEqualTo(new Row(1, "一", t, List.of("a", "b")));
        java.util.Optional<Row> none = Sql.read(db.dataSource(), c -> Sql.one(c, "SELECT * FROM t WHERE id = ?", ROW, 999));
        assertThat(none).isEmpty();
    }

    /**
     * A connection lost in the middle of a transaction (here the backend is terminated, as when the primary
     * crashes or fails over) makes the rollback fail too; what leaves must still be the loss itself, which the
     * server answers with 503 and Retry-After — not the pool's later "connection is closed", which had no
     * SQLState and became a 500.
     */
    @Test
    void aConnectionLostInsideATransactionLeavesAsAnOutageNotAsAServerFault() {
        for (boolean dryRun : new boolean[] {false, true}) {
            Sql.Work<Integer> dies = c -> {
                Sql.update(c, "INSERT INTO t VALUES (40, 'lost', now(), '{}')");
                return Sql.one(c, "SELECT pg_terminate_backend(pg_backend_pid()) AS gone", rs -> 1).orElseThrow();
            };
            Throwable thrown = catchThrowable(() -> {
                if (dryRun) Sql.rolledBack(db.dataSource(), dies);
                else Sql.inTransaction(db.dataSource(), dies);
            });
            assertThat(thrown).isInstanceOf(SQLException.class);
            assertThat(((SQLException) thrown).getSQLState()).as("dry run: " + dryRun).matches("08.*|57P0.");
            assertThat(org.gridmap.http.DatabaseFailures.classify(thrown)).as("dry run: " + dryRun).isPresent();
        }
    }

    @Test
    void theDatabasesRefusalsBecome409And422AndRollTheWholeUnitBack() throws Exception {
        Sql.inTransaction(db.dataSource(), c -> Sql.update(c, "INSERT INTO t VALUES (10, 'x', now(), '{}')"));
        assertThatThrownBy(() -> Sql.inTransaction(db.dataSource(), c -> {
            Sql.update(c, "INSERT INTO t VALUES (11, 'first of two', now(), '{}')");
            return Sql.update(c, "INSERT INTO t VALUES (10, 'again', now(), '{}')");
        })).isInstanceOf(Sql.Conflict.class).satisfies(e -> assertThat(((Sql.Conflict) e).status()).isEqualTo(409));
        assertThat(count("id = 11")).as("the unit was rolled back").isZero();

        assertThatThrownBy(() -> Sql.inTransaction(db.dataSource(), c -> Sql.update(c, "INSERT INTO t VALUES (12, '', now(), '{}')")))
                .isInstanceOf(Sql.Refused.class).satisfies(e -> assertThat(((Sql.Refused) e).status()).isEqualTo(422));
        assertThatThrownBy(() -> Sql.inTransaction(db.dataSource(), c -> Sql.update(c, "INSERT INTO t VALUES (13, 'forbidden', now(), '{}')")))
                .isInstanceOf(Sql.Refused.class).hasMessage("the name forbidden is refused");
        // a serialization failure is a conflict the client may retry
        assertThatThrownBy(() -> Sql.inTransaction(db.dataSource(), c -> Sql.update(c,
                "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'serialization_failure'; END $$")))
                .isInstanceOf(Sql.Conflict.class).hasMessageContaining("try again");
        // anything else stays the server's own failure
        assertThatThrownBy(() -> Sql.inTransaction(db.dataSource(), c -> Sql.update(c, "SELEC 1")))
                .isInstanceOf(SQLException.class);
    }

    static long count(String where) throws SQLException {
        return Sql.read(db.dataSource(), c -> Sql.one(c, "SELECT count(*) AS n FROM t WHERE " + where, rs -> rs.getLong("n"))).orElseThrow();
    }
}
