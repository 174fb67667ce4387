package org.gridmap.networks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmap.db.Sql;

/** Every SQL statement of the networks, with the row mappers that read their answers by column name. */
final class NetworksSql {
    private NetworksSql() { }

    /** The service point of a row, its grid and village: the columns {@link #POINT} reads. */
    private static final String POINT_COLUMNS = """
            f.id AS p_id, f.code AS p_code, f.name AS p_name, f.level AS p_level, g.id AS grid_id, g.code AS grid_code,
            vl.code AS village_code, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat""";
    private static final String POINT_JOINS = """
            JOIN facilities f ON f.id = x.facility_id LEFT JOIN grids g ON g.id = f.grid_id
            LEFT JOIN villages vl ON vl.id = coalesce(g.village_id, f.village_id)""";
    /** Two parameters each for a village code and a grid code; null = any. */
    private static final String AREA = "(?::text IS NULL OR vl.code = ?) AND (?::text IS NULL OR g.code = ?)";

    static final Sql.Row<Networks.Point> POINT = rs -> new Networks.Point(rs.getLong("p_id"), rs.getString("p_code"),
            rs.getString("p_name"), rs.getString("p_level"), rs.getObject("grid_id", Long.class), rs.getString("grid_code"),
            rs.getString("village_code"), rs.getDouble("lon"), rs.getDouble("lat"));

    static final Sql.Row<Networks.PartyPost> POST = rs -> new Networks.PartyPost(rs.getLong("id"), POINT.map(rs),
            rs.getString("title"), rs.getString("party_group"), rs.getString("member_name"), rs.getString("duties"),
            rs.getString("hours"), rs.getLong("version"));

    static final Sql.Row<Networks.Volunteer> VOLUNTEER = rs -> new Networks.Volunteer(rs.getLong("id"), POINT.map(rs),
            rs.getString("surname"), rs.getString("given_name"), rs.getString("phone"), texts(rs, "skills"),
            rs.getBoolean("public_name"), rs.getLong("version"));

    static final Sql.Row<Networks.Offer> OFFER = rs -> new Networks.Offer(rs.getLong("id"), rs.getLong("firm_id"),
            rs.getString("kind"), rs.getString("title"), rs.getInt("openings"), rs.getString("details"),
            rs.getObject("until", java.time.LocalDate.class));

    static final Sql.Row<Networks.Firm> FIRM = rs -> new Networks.Firm(rs.getLong("id"), rs.getString("name"),
            rs.getString("industry"), rs.getString("phone"), rs.getDouble("lon"), rs.getDouble("lat"),
            rs.getObject("grid_id", Long.class), rs.getString("grid_code"), rs.getString("grid_kind"),
            rs.getString("village_code"), List.of(), rs.getLong("version"));

    // ---- service points and who may write there

    static Optional<Networks.Point> point(Connection c, long facilityId) throws SQLException {
        return Sql.one(c, "SELECT " + POINT_COLUMNS + " FROM (SELECT ?::bigint AS facility_id) x " + POINT_JOINS,
                POINT, facilityId);
    }

    /** True when the account is linked to a staff entry of the grid. */
    static boolean servesGrid(Connection c, long userId, long gridId) throws SQLException {
        return Sql.one(c, "SELECT EXISTS (SELECT 1 FROM staff WHERE user_id = ? AND grid_id = ?) AS yes",
                rs -> rs.getBoolean("yes"), userId, gridId).orElse(false);
    }

    /** The grid (and its kind) a place lies in; the lowest code where grids touch. */
    static Optional<Networks.Point> gridAt(Connection c, double lon, double lat) throws SQLException {
        return Sql.one(c, """
                SELECT 0 AS p_id, g.code AS p_code, g.name AS p_name, g.kind AS p_level, g.id AS grid_id, g.code AS grid_code,
                       vl.code AS village_code, ? AS lon, ? AS lat
                FROM grids g JOIN villages vl ON vl.id = g.village_id
                WHERE ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY g.code LIMIT 1""",
                POINT, lon, lat, lon, lat);
    }

    static boolean villageExists(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT 1 AS found FROM villages WHERE code = ?", rs -> true, code).isPresent();
    }

    static boolean gridExists(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT 1 AS found FROM grids WHERE code = ?", rs -> true, code).isPresent();
    }

    // ---- party-member posts

    private static final String POST_SELECT = "SELECT x.id, x.title, x.party_group, x.member_name, x.duties, x.hours, "
            + "x.version, " + POINT_COLUMNS + " FROM party_posts x " + POINT_JOINS;

    static List<Networks.PartyPost> posts(Connection c, Networks.Area a) throws SQLException {
        return Sql.query(c, POST_SELECT + " WHERE " + AREA + " ORDER BY f.code, x.id", POST,
                a.village(), a.village(), a.grid(), a.grid());
    }

    static Optional<Networks.PartyPost> post(Connection c, long id) throws SQLException {
        return Sql.one(c, POST_SELECT + " WHERE x.id = ?", POST, id);
    }

    static long insertPost(Connection c, Networks.NewPartyPost p) throws SQLException {
        return Sql.one(c, """
                INSERT INTO party_posts (facility_id, title, party_group, member_name, duties, hours)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong("id"),
                p.facilityId(), p.title(), p.partyGroup(), p.memberName(), p.duties(), p.hours()).orElseThrow();
    }

    static boolean deletePost(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM party_posts WHERE id = ?", id) > 0;
    }

    // ---- volunteers

    private static final String VOLUNTEER_SELECT = "SELECT x.id, x.surname, x.given_name, x.phone, x.skills, "
            + "x.public_name, x.version, " + POINT_COLUMNS + " FROM volunteers x " + POINT_JOINS;

    /** Volunteers of an area, those offering {@code skill} only when it is given. */
    static List<Networks.Volunteer> volunteers(Connection c, Networks.Area a, String skill) throws SQLException {
        return Sql.query(c, VOLUNTEER_SELECT + " WHERE " + AREA + " AND (?::text IS NULL OR ? = ANY (x.skills)) "
                + "ORDER BY f.code, x.id", VOLUNTEER, a.village(), a.village(), a.grid(), a.grid(), skill, skill);
    }

    static Optional<Networks.Volunteer> volunteer(Connection c, long id, boolean lock) throws SQLException {
        return Sql.one(c, VOLUNTEER_SELECT + " WHERE x.id = ?" + (lock ? " FOR NO KEY UPDATE OF x" : ""), VOLUNTEER, id);
    }

    static long insertVolunteer(Connection c, Networks.VolunteerInput v) throws SQLException {
        return Sql.one(c, """
                INSERT INTO volunteers (facility_id, surname, given_name, phone, skills, public_name)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong("id"), v.facilityId(), v.surname(),
                v.givenName(), v.phone(), v.skills().toArray(String[]::new), v.publicName()).orElseThrow();
    }

    /** Replaces every field if the volunteer is still at {@code version}; false when it has moved on. */
    static boolean updateVolunteer(Connection c, long id, long version, Networks.VolunteerInput v) throws SQLException {
        return Sql.update(c, """
                UPDATE volunteers SET facility_id = ?, surname = ?, given_name = ?, phone = ?, skills = ?, public_name = ?,
                       version = version + 1, updated_at = now()
                WHERE id = ? AND version = ?""", v.facilityId(), v.surname(), v.givenName(), v.phone(),
                v.skills().toArray(String[]::new), v.publicName(), id, version) > 0;
    }

    static boolean deleteVolunteer(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM volunteers WHERE id = ?", id) > 0;
    }

    /** Logs a read of a volunteer's personal data (V22, append-only). */
    static void logRead(Connection c, long user, long volunteer, String purpose) throws SQLException {
        Sql.update(c, "INSERT INTO volunteer_data_reads (user_id, volunteer_id, purpose) VALUES (?, ?, ?)", user, volunteer, purpose);
    }

    // ---- firms and their offers

    private static final String FIRM_SELECT = """
            SELECT x.id, x.name, x.industry, x.phone, ST_X(x.geom) AS lon, ST_Y(x.geom) AS lat, x.version,
                   g.id AS grid_id, g.code AS grid_code, g.kind AS grid_kind, vl.code AS village_code
            FROM firms x
            LEFT JOIN LATERAL (SELECT id, code, kind, village_id FROM grids WHERE ST_Covers(geom, x.geom)
                               ORDER BY code LIMIT 1) g ON true
            LEFT JOIN villages vl ON vl.id = g.village_id""";

    /** Firms of an area with their offers (of one kind, when given; firms without such offers are left out then). */
    static List<Networks.Firm> firms(Connection c, Networks.Area a, String kind) throws SQLException {
        List<Networks.Firm> firms = Sql.query(c, FIRM_SELECT + " WHERE " + AREA + " AND (?::text IS NULL OR EXISTS "
                + "(SELECT 1 FROM firm_offers o WHERE o.firm_id = x.id AND o.kind = ?)) ORDER BY x.id", FIRM,
                a.village(), a.village(), a.grid(), a.grid(), kind, kind);
        return withOffers(c, firms, kind);
    }

    static Optional<Networks.Firm> firm(Connection c, long id) throws SQLException {
        List<Networks.Firm> one = Sql.query(c, FIRM_SELECT + " WHERE x.id = ?", FIRM, id);
        return withOffers(c, one, null).stream().findFirst();
    }

    private static List<Networks.Firm> withOffers(Connection c, List<Networks.Firm> firms, String kind) throws SQLException {
        if (firms.isEmpty()) return firms;
        Long[] ids = firms.stream().map(Networks.Firm::id).toArray(Long[]::new);
        Map<Long, List<Networks.Offer>> byFirm = new LinkedHashMap<>();
        for (Networks.Offer o : Sql.query(c, "SELECT id, firm_id, kind, title, openings, details, until FROM firm_offers "
                + "WHERE firm_id = ANY (?) AND (?::text IS NULL OR kind = ?) ORDER BY firm_id, kind, id", OFFER, ids, kind, kind)) {
            byFirm.computeIfAbsent(o.firmId(), k -> new ArrayList<>()).add(o);
        }
        return firms.stream().map(f -> new Networks.Firm(f.id(), f.name(), f.industry(), f.phone(), f.lon(), f.lat(),
                f.gridId(), f.gridCode(), f.gridKind(), f.villageCode(), byFirm.getOrDefault(f.id(), List.of()), f.version()))
                .toList();
    }

    static long insertFirm(Connection c, Networks.NewFirm f) throws SQLException {
        return Sql.one(c, "INSERT INTO firms (name, industry, phone, geom) VALUES (?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326)) "
                + "RETURNING id", rs -> rs.getLong("id"), f.name(), f.industry(), f.phone(), f.lon(), f.lat()).orElseThrow();
    }

    static long insertOffer(Connection c, Networks.NewOffer o) throws SQLException {
        return Sql.one(c, "INSERT INTO firm_offers (firm_id, kind, title, openings, details, until) VALUES (?, ?, ?, ?, ?, ?) "
                + "RETURNING id", rs -> rs.getLong("id"), o.firmId(), o.kind(), o.title(), o.openings(), o.details(),
                o.until()).orElseThrow();
    }

    static Optional<Networks.Offer> offer(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT id, firm_id, kind, title, openings, details, until FROM firm_offers WHERE id = ?", OFFER, id);
    }

    static boolean deleteOffer(Connection c, long firmId, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM firm_offers WHERE id = ? AND firm_id = ?", id, firmId) > 0;
    }

    // ---- what the nearest-volunteer search holds in memory

    /** Every volunteer with the facility they serve at (public fields only: the search never reads a phone). */
    static List<Networks.Volunteer> searchable(Connection c) throws SQLException {
        return Sql.query(c, "SELECT x.id, x.surname, x.given_name, NULL AS phone, x.skills, x.public_name, x.version, "
                + POINT_COLUMNS + " FROM volunteers x " + POINT_JOINS + " ORDER BY x.id", VOLUNTEER);
    }

    private static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
