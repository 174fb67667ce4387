package org.gridmap.cases;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridmap.db.Sql;

/** Every SQL statement of cases, with the row mappers that read their answers by column name. */
final class CaseSql {
    private CaseSql() { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CASE_COLUMNS = """
            k.id, k.kind, k.visit_id, k.household_id, k.grid_id, k.grid_code, k.village_id, v.code AS village_code,
            k.title, k.details, k.geological, k.urgent, k.owner_user_id, k.owner_name, k.status, k.outcome, k.opened_at,
            k.due_at, k.resolved_at, k.closed_at, k.hazard_id, hz.code AS hazard_code, k.errand_id, e.number AS errand_number,
            ST_X(k.position) AS lon, ST_Y(k.position) AS lat, k.version, k.parties IS NOT NULL AS has_parties
            FROM cases k JOIN villages v ON v.id = k.village_id LEFT JOIN hazards hz ON hz.id = k.hazard_id
            LEFT JOIN errands e ON e.id = k.errand_id""";

    static final Sql.Row<Cases.Case> CASE = rs -> new Cases.Case(rs.getLong("id"), rs.getString("kind"),
            rs.getObject("visit_id", Long.class), rs.getObject("household_id", Long.class), rs.getLong("grid_id"),
            rs.getString("grid_code"), rs.getLong("village_id"), rs.getString("village_code"), rs.getString("title"),
            rs.getString("details"), rs.getBoolean("geological"), rs.getBoolean("urgent"),
            rs.getObject("owner_user_id", Long.class), rs.getString("owner_name"), rs.getString("status"),
            rs.getString("outcome"), Sql.instant(rs, "opened_at"), Sql.instant(rs, "due_at"), Sql.instant(rs, "resolved_at"),
            Sql.instant(rs, "closed_at"), rs.getObject("hazard_id", Long.class), rs.getString("hazard_code"),
            rs.getObject("errand_id", Long.class), rs.getString("errand_number"), rs.getDouble("lon"), rs.getDouble("lat"),
            rs.getLong("version"), rs.getBoolean("has_parties"));

    static final Sql.Row<Cases.HistoryEntry> HISTORY = rs -> new Cases.HistoryEntry(rs.getLong("id"), Sql.instant(rs, "at"),
            rs.getString("username"), rs.getString("action"), rs.getString("status_before"), rs.getString("status_after"),
            rs.getString("text"));

    static final Sql.Row<Cases.VisitPlace> VISIT_PLACE = rs -> new Cases.VisitPlace(rs.getLong("visit_id"),
            rs.getLong("household_id"), rs.getObject("grid_id", Long.class), rs.getString("grid_code"),
            rs.getObject("village_id", Long.class), rs.getDouble("lon"), rs.getDouble("lat"));

    static Set<Long> gridsOf(Connection c, long user) throws SQLException {
        return new HashSet<>(Sql.query(c, "SELECT DISTINCT grid_id FROM staff WHERE user_id = ? AND grid_id IS NOT NULL",
                rs -> rs.getLong("grid_id"), user));
    }

    /** The villages whose station the account stands for: those where it leads a grid. */
    static Set<Long> stationVillagesOf(Connection c, long user) throws SQLException {
        return new HashSet<>(Sql.query(c, """
                SELECT DISTINCT g.village_id FROM staff s JOIN grids g ON g.id = s.grid_id
                WHERE s.user_id = ? AND s.role = 'grid_leader'""", rs -> rs.getLong("village_id"), user));
    }

    /** The visit with its household's grid of today (a household moved by a grid edit brings its cases along). */
    static Optional<Cases.VisitPlace> visitPlace(Connection c, long visit) throws SQLException {
        return Sql.one(c, """
                SELECT x.id AS visit_id, h.id AS household_id, g.id AS grid_id, g.code AS grid_code, g.village_id,
                       ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat
                FROM visits x JOIN households h ON h.id = x.household_id LEFT JOIN grids g ON g.id = h.grid_id
                WHERE x.id = ?""", VISIT_PLACE, visit);
    }

    static Optional<Cases.Owner> gridLeader(Connection c, long grid) throws SQLException {
        return Sql.one(c, """
                SELECT user_id, name FROM staff WHERE grid_id = ? AND role = 'grid_leader' AND user_id IS NOT NULL
                ORDER BY id LIMIT 1""", rs -> new Cases.Owner(rs.getLong("user_id"), rs.getString("name")), grid);
    }

    /** The new case's id, or empty when the visit already has a case of this kind (then nothing is written). */
    static Optional<Long> insert(Connection c, Cases.NewCase n, Cases.VisitPlace p, Cases.Owner owner, long by, Instant at,
                                 Instant due) throws SQLException {
        return Sql.one(c, """
                INSERT INTO cases (kind, visit_id, household_id, grid_id, grid_code, village_id, title, details, geological,
                                   parties, urgent, owner_user_id, owner_name, opened_at, due_at, created_by, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326))
                ON CONFLICT (visit_id, kind) DO NOTHING RETURNING id""", rs -> rs.getLong("id"),
                n.kind(), p.visitId(), p.householdId(), p.gridId(), p.gridCode(), p.villageId(), n.title(), n.details(),
                n.geological(), n.parties().isEmpty() ? null : json(n.parties()), n.urgent(), owner.userId(), owner.name(),
                at, due, by, p.lon(), p.lat());
    }

    /** Where an errand taken on a visit is filed: the grid's hub, else its first service point. */
    static Optional<Long> serviceFacilityOf(Connection c, long grid) throws SQLException {
        return Sql.one(c, """
                SELECT id FROM facilities WHERE grid_id = ? AND level IN ('grid', 'point')
                ORDER BY (level = 'grid') DESC, id LIMIT 1""", rs -> rs.getLong("id"), grid);
    }

    static Optional<Long> byVisit(Connection c, long visit, String kind) throws SQLException {
        return Sql.one(c, "SELECT id FROM cases WHERE visit_id = ? AND kind = ?", rs -> rs.getLong("id"), visit, kind);
    }

    static Optional<Cases.Case> get(Connection c, long id, boolean lock) throws SQLException {
        return Sql.one(c, "SELECT " + CASE_COLUMNS + " WHERE k.id = ?" + (lock ? " FOR UPDATE OF k" : ""), CASE, id);
    }

    static void setHazard(Connection c, long id, long hazard) throws SQLException {
        Sql.update(c, "UPDATE cases SET hazard_id = ? WHERE id = ?", hazard, id);
    }

    static void setErrand(Connection c, long id, long errand) throws SQLException {
        Sql.update(c, "UPDATE cases SET errand_id = ? WHERE id = ?", errand, id);
    }

    /** Changes the status; the database's trigger checks the step, stamps the times and bumps the version. */
    static void setStatus(Connection c, long id, String status, String outcome, Instant at) throws SQLException {
        Sql.update(c, """
                UPDATE cases SET status = ?, outcome = coalesce(?, outcome),
                       resolved_at = CASE WHEN ? = 'resolved' THEN ? ELSE resolved_at END,
                       closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END
                WHERE id = ?""", status, outcome, status, at, status, at, id);
    }

    static void appendHistory(Connection c, long id, Instant at, long user, String username, String action, String before,
                              String after, String text) throws SQLException {
        Sql.update(c, """
                INSERT INTO case_history (case_id, at, user_id, username, action, status_before, status_after, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, at, user, username, action, before, after, text);
    }

    static List<Cases.HistoryEntry> history(Connection c, long id) throws SQLException {
        return Sql.query(c, "SELECT id, at, username, action, status_before, status_after, text FROM case_history "
                + "WHERE case_id = ? ORDER BY id", HISTORY, id);
    }

    static List<Cases.Party> parties(Connection c, long id) throws SQLException {
        String raw = Sql.one(c, "SELECT parties::text AS parties FROM cases WHERE id = ?", rs -> rs.getString("parties"), id)
                .orElse(null);
        if (raw == null) return List.of();
        try {
            return JSON.readValue(raw, new TypeReference<List<Cases.Party>>() { });
        } catch (java.io.IOException e) {
            throw new SQLException("cases.parties of case " + id + " is not a list of parties", e);
        }
    }

    static void logRead(Connection c, long user, long caseId, Instant at, String purpose) throws SQLException {
        Sql.update(c, "INSERT INTO case_data_reads (user_id, case_id, read_at, purpose) VALUES (?, ?, ?, ?)",
                user, caseId, at, purpose);
    }

    /** Cases in the scope matching the filter, newest first. */
    static List<Cases.Case> list(Connection c, Cases.Filter f, Scope s) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE (?::boolean OR k.grid_id = ANY (?) OR k.village_id = ANY (?))");
        args.add(s.admin());
        args.add(s.gridArray());
        args.add(s.villageArray());
        if (!f.statuses().isEmpty()) { where.append(" AND k.status = ANY (?)"); args.add(f.statuses().toArray(String[]::new)); }
        if (f.kind() != null) { where.append(" AND k.kind = ?"); args.add(f.kind()); }
        if (f.grid() != null) { where.append(" AND k.grid_id = ?"); args.add(f.grid()); }
        if (f.village() != null) { where.append(" AND v.code = ?"); args.add(f.village()); }
        if (f.bbox() != null) {
            where.append(" AND k.position && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
            for (double d : f.bbox()) args.add(d);
        }
        args.add(f.limit());
        return Sql.query(c, "SELECT " + CASE_COLUMNS + where + " ORDER BY k.opened_at DESC, k.id DESC LIMIT ?", CASE,
                args.toArray());
    }

    /**
     * The open cases in the scope inside a tile (layer {@code cases}): kind, status, title, urgent, overdue (by
     * {@code now}), due (ISO instant), grid and village codes; never parties. The same scope and statuses as
     * {@link #list} gives the GeoJSON layer.
     */
    static byte[] openTile(Connection c, org.gridmap.layers.TileCoord t, Scope s, Instant now) throws SQLException {
        return Sql.one(c, """
                WITH bounds AS (SELECT ST_TileEnvelope(?, ?, ?) AS env,
                                       ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326) AS env4326)
                SELECT coalesce((SELECT ST_AsMVT(q, 'cases', 4096, 'geom', 'id') FROM (
                    SELECT k.id, k.kind, k.status, k.title, k.urgent, k.due_at < ? AS overdue,
                           to_char(k.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS due, k.grid_code AS grid,
                           v.code AS village, ST_AsMVTGeom(ST_Transform(k.position, 3857), b.env, 4096, 64, true) AS geom
                    FROM cases k JOIN villages v ON v.id = k.village_id, bounds b
                    WHERE k.position && b.env4326 AND k.status = ANY (?)
                      AND (?::boolean OR k.grid_id = ANY (?) OR k.village_id = ANY (?))) q WHERE q.geom IS NOT NULL), ''::bytea) AS tile""",
                rs -> rs.getBytes("tile"), t.z(), t.x(), t.y(), t.z(), t.x(), t.y(), now, CaseWords.openStatuses(), s.admin(),
                s.gridArray(), s.villageArray()).orElseThrow();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
