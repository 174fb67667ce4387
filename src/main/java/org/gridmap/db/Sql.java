package org.gridmap.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.http.ApiException;
import org.gridmap.http.Conflicts;

/**
 * The one way to reach the database: a transaction around a unit of work, parameterised statements, rows
 * mapped by column name, and the database's refusals turned into answers a client can act on.
 *
 * <p>SQLStates become answers by the one table in {@link Conflicts}: unique violations and writers meeting are a
 * {@link Conflict} (409), the database's rules a {@link Refused} (422). Anything else stays an
 * {@link SQLException} (a 500, or a 503 when the database is unreachable or the pool exhausted).
 */
public final class Sql {
    private Sql() { }

    /** Maps the current row of a result set; read columns by name, never by position. */
    @FunctionalInterface
    public interface Row<T> { T map(ResultSet rs) throws SQLException; }

    /** A unit of work on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> { T run(Connection c) throws SQLException; }

    /** Two writers met and this one lost, or a unique value is taken: 409 (see {@link Conflicts}). */
    public static final class Conflict extends ApiException {
        Conflict(ApiException answer) { super(answer); }
    }

    /** The database's own rules refused the change (a check, a trigger): 422 (see {@link Conflicts}). */
    public static final class Refused extends ApiException {
        Refused(ApiException answer) { super(answer); }
    }

    /**
     * Runs {@code work} in a transaction: commits when it returns, rolls back when it throws. SQL failures
     * leave as {@link Conflict} or {@link Refused} where the SQLState says what happened.
     */
    public static <T> T inTransaction(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException e) {
                undo(c, e);
                throw translate(e);
            } catch (RuntimeException e) {
                undo(c, e);
                throw e;
            }
            c.setAutoCommit(true);
            return result;
        }
    }

    /**
     * Rolls back after {@code failure}. When the connection itself was lost (the database crashed or failed over),
     * the rollback fails too; the first failure is the one that says what happened (08xxx/57P0x: a 503 with
     * Retry-After), so the later ones are only attached to it, never thrown in its place.
     */
    private static void undo(Connection c, Exception failure) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException also) {
            failure.addSuppressed(also);
        }
    }

    /**
     * Runs {@code work} in a transaction that is always rolled back: a dry run does everything a write does,
     * the database's rules included, and leaves nothing behind.
     */
    public static <T> T rolledBack(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
            } catch (SQLException e) {
                undo(c, e);
                throw translate(e);
            } catch (RuntimeException e) {
                undo(c, e);
                throw e;
            }
            c.rollback();
            c.setAutoCommit(true);
            return result;
        }
    }

    /** A read outside any transaction of ours (autocommit). */
    public static <T> T read(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(row.map(rs));
            return out;
        }
    }

    /** The first row, if any (the query should make it the only one). */
    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
        }
    }

    /** Rows changed by an INSERT, UPDATE or DELETE. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** A {@code timestamptz} column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * The SQLException as the client should see it — a {@link Conflict} or {@link Refused} thrown as the one table
     * ({@link Conflicts}) says — or the exception itself when it is the server's fault.
     */
    public static SQLException translate(SQLException e) {
        ApiException answer = Conflicts.fromSql(e).orElse(null);
        if (answer == null) return e;
        throw answer.status() == 409 ? new Conflict(answer) : new Refused(answer);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) bind(c, ps, i + 1, params[i]);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, int i, Object p) throws SQLException {
        if (p instanceof Instant t) {
            ps.setObject(i, t.atOffset(ZoneOffset.UTC));
        } else if (p instanceof String[] a) {
            Array array = c.createArrayOf("text", a);
            ps.setArray(i, array);
        } else if (p instanceof Long[] a) {
            ps.setArray(i, c.createArrayOf("bigint", a));
        } else {
            ps.setObject(i, p);
        }
    }
}
