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

/**
 * The one way to reach the database: a transaction around a unit of work, parameterised statements, rows
 * mapped by column name, and the database's refusals turned into answers a client can act on.
 *
 * <p>SQLState mapping (PostgreSQL): {@code 23505} unique violation → {@link Conflict} (409);
 * {@code 40001} serialization failure, {@code 40P01} deadlock, {@code 55P03} lock not available → {@link Conflict}
 * (409, try again); {@code 23514} check violation, {@code 23502} not null, {@code 23503} foreign key and
 * {@code P0001} raised by a trigger → {@link Refused} (422) carrying the database's message. Anything else
 * stays an {@link SQLException} (a 500, or a 503 when the pool is exhausted).
 */
public final class Sql {
    private Sql() { }

    /** Maps the current row of a result set; read columns by name, never by position. */
    @FunctionalInterface
    public interface Row<T> { T map(ResultSet rs) throws SQLException; }

    /** A unit of work on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> { T run(Connection c) throws SQLException; }

    /** Two writers met and this one lost, or a unique value is taken: 409. */
    public static final class Conflict extends ApiException {
        public Conflict(String code, String message) { super(409, code, message); }
    }

    /** The database's own rules refused the change (a check, a trigger): 422. */
    public static final class Refused extends ApiException {
        public Refused(String code, String message) { super(422, code, message); }
    }

    /**
     * Runs {@code work} in a transaction: commits when it returns, rolls back when it throws. SQL failures
     * leave as {@link Conflict} or {@link Refused} where the SQLState says what happened.
     */
    public static <T> T inTransaction(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw translate(e);
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
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

    /** The SQLException as the client should see it, or itself when it is the server's fault. */
    public static SQLException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = serverMessage(e);
        switch (state) {
            case "23505" -> throw new Conflict("conflict", "Already taken: " + message);
            case "40001", "40P01", "55P03" -> throw new Conflict("concurrent_change",
                    "Someone else changed this at the same moment; reload and try again.");
            case "23514", "23502", "23503", "P0001" -> throw new Refused("refused", message);
            default -> { return e; }
        }
    }

    private static String serverMessage(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        m = m.replaceFirst("^ERROR:\\s*", "");
        int where = m.indexOf("\n");   // drop the server's "Where:"/"Detail:" lines: they name internals
        return where < 0 ? m : m.substring(0, where);
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
        } else {
            ps.setObject(i, p);
        }
    }
}
