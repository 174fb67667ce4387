package org.gridmap.http;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table from a conflict — a domain one or the database's SQLState — to the HTTP answer. Every capability
 * answers the same situation with the same status, {@code error} code and field names:
 *
 * <table>
 *   <tr><th>situation</th><th>status</th><th>error</th><th>fields</th></tr>
 *   <tr><td>a version the client edited is no longer current</td><td>409</td><td>version_conflict</td>
 *       <td>{@code stale: [{type, id, code, version, yourVersion}]}</td></tr>
 *   <tr><td>a unique value is taken (SQLState 23505, or found taken first)</td><td>409</td><td>already_exists</td>
 *       <td>—</td></tr>
 *   <tr><td>two writers met: serialization failure 40001, deadlock 40P01</td><td>409</td>
 *       <td>concurrent_change</td><td>—</td></tr>
 *   <tr><td>a rule the database holds refused the final state: check 23514, not null 23502, foreign key 23503,
 *       a trigger's RAISE P0001</td><td>422</td><td>rule_broken</td><td>—</td></tr>
 * </table>
 *
 * Anything else from the database is the server's problem (500) — or an outage or overload (no connection, a
 * statement or lock timeout), which {@link DatabaseFailures} answers 503 with {@code Retry-After}.
 */
public final class Conflicts {
    private Conflicts() { }

    /** One thing whose version moved on: what it is, which, its current version and the one the client edited. */
    public record Stale(String type, long id, String code, long version, Long yourVersion) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("id", id);
            m.put("code", code);
            m.put("version", version);
            m.put("yourVersion", yourVersion);
            return m;
        }
    }

    /** 409 {@code version_conflict}: the first stale thing is named in the text, all of them in {@code stale}. */
    public static ApiException staleVersions(List<Stale> stale) {
        Stale first = stale.get(0);
        String message = first.type() + " " + first.code() + " was changed by someone else since you loaded it (now version "
                + first.version() + ", you edited version " + (first.yourVersion() == null ? "none" : first.yourVersion())
                + "). Reload and redo your change; nothing was saved.";
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("type", typeName(first.type()));
        args.put("code", first.code());
        args.put("version", first.version());
        args.put("yourVersion", first.yourVersion() == null ? "-" : first.yourVersion());
        return new ApiException(409, "version_conflict", message,
                Map.of("stale", stale.stream().map(Stale::json).toList())).says("version_conflict", args);
    }

    /** The kinds of things that carry versions, named for people; an unknown kind is named by its id. */
    private static Messages.Both typeName(String type) {
        return switch (type) {
            case "grid" -> new Messages.Both("网格", "Grid");
            case "facility" -> new Messages.Both("服务设施", "Facility");
            case "hazard" -> new Messages.Both("隐患点", "Hazard");
            case "errand" -> new Messages.Both("事项", "Errand");
            case "case" -> new Messages.Both("事件", "Case");
            case "volunteer" -> new Messages.Both("志愿者", "Volunteer");
            case "item" -> new Messages.Both("办理事项", "Item");
            case "window" -> new Messages.Both("窗口", "Window");
            case "department" -> new Messages.Both("部门", "Department");
            default -> new Messages.Both(type, type);
        };
    }

    /** 409 {@code already_exists}: {@code what} names the taken value for people. */
    public static ApiException taken(String what) {
        return new ApiException(409, "already_exists", "Already taken: " + what).says("already_exists", Map.of("what", what));
    }

    /** 409 {@code concurrent_change}. */
    public static ApiException concurrentChange() {
        return new ApiException(409, "concurrent_change", "Someone else changed this at the same moment; reload and try again.")
                .says("concurrent_change", Map.of());
    }

    /** 422 {@code rule_broken}: {@code rule} is the database's own words (safe: our triggers' and constraints' texts). */
    public static ApiException ruleBroken(String rule) {
        return new ApiException(422, "rule_broken", rule).says("rule_broken", Map.of("rule", rule));
    }

    /** The answer the table gives for a database refusal, or empty when it is not a conflict. */
    public static Optional<ApiException> fromSql(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "23505" -> Optional.of(taken(serverMessage(e)));
            case "40001", "40P01" -> Optional.of(concurrentChange());
            case "23514", "23502", "23503", "P0001" -> Optional.of(ruleBroken(serverMessage(e)));
            default -> Optional.empty();
        };
    }

    /** The first line of the server's message: the "Where:"/"Detail:" lines name internals. */
    public static String serverMessage(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        m = m.replaceFirst("^ERROR:\\s*", "");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
