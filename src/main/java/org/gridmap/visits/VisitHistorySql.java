package org.gridmap.visits;

import java.util.List;

/**
 * The SQL of {@link VisitHistory}. Dice are hashes, so the year is reproducible: {@code pg_temp.vh_u(key)} is a uniform
 * number in [0, 1) drawn from the md5 of a text key (a grid code and what is drawn), {@code pg_temp.vh_h(id, seed)} one
 * from PostgreSQL's own 64-bit hash of a household id with a seed (the month and what is drawn) — the households'
 * many draws a month, where an md5 of built text per draw cost more than half of a month's statement.
 */
final class VisitHistorySql {
    private VisitHistorySql() { }

    static final String PARAMETERS = """
            CREATE TEMP TABLE vh_param ON COMMIT DROP AS SELECT ?::date AS year_end, ?::text[] AS towns""";

    static final List<String> PREPARE = List.of("""
            CREATE OR REPLACE FUNCTION pg_temp.vh_u(k text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
            $$ SELECT ('x' || substr(md5(k), 1, 12))::bit(48)::bigint / 281474976710656.0 $$""", """
            CREATE OR REPLACE FUNCTION pg_temp.vh_h(k bigint, seed bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
            $$ SELECT (hashint8extended(k, seed) & 281474976710655)::float8 / 281474976710656.0 $$""", """
            INSERT INTO users (username, password_hash, role, disabled)
            SELECT 'desk-' || g.code || '-gl', '!', 'staff', true FROM grids g JOIN villages v ON v.id = g.village_id
                JOIN towns t ON t.id = v.town_id, vh_param p WHERE t.code = ANY (p.towns)
            ON CONFLICT DO NOTHING""", """
            CREATE TEMP TABLE vh_grid ON COMMIT DROP AS
            SELECT g.id AS grid_id, g.code, t.code AS town_code,
                   (SELECT u.id FROM users u WHERE u.username = 'desk-' || g.code || '-gl') AS user_id,
                   l.id AS leader_id, l.name AS leader_name, co.id AS coordinator_id, co.name AS coordinator_name,
                   -- one grid in eight is behind all year; the others visit 88-99 % of their households a month
                   CASE WHEN pg_temp.vh_u(g.code || ':behind') < 0.125 THEN 0.40 + 0.30 * pg_temp.vh_u(g.code || ':pace')
                        ELSE 0.88 + 0.11 * pg_temp.vh_u(g.code || ':pace') END AS pace,
                   -- and in one grid in twelve the coordinator never visits anybody
                   pg_temp.vh_u(g.code || ':never') < 0.083 AS coordinator_never
            FROM grids g JOIN villages v ON v.id = g.village_id JOIN towns t ON t.id = v.town_id
            LEFT JOIN LATERAL (SELECT s.id, s.name FROM staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader'
                               ORDER BY s.id LIMIT 1) l ON true
            LEFT JOIN LATERAL (SELECT s.id, s.name FROM staff s WHERE s.grid_id = g.id AND s.role = 'coordinator'
                               ORDER BY s.id LIMIT 1) co ON true, vh_param p
            WHERE t.code = ANY (p.towns) AND NOT EXISTS (SELECT 1 FROM visit_grid_months m WHERE m.grid_id = g.id)""");

    /** The towns with grids to fill, in the order they are written. */
    static final String TOWNS = "SELECT DISTINCT town_code FROM vh_grid ORDER BY town_code";

    /**
     * One town's year: for each of the twelve months and each household, whether it is visited (the grid's pace, a
     * thin February, nobody from a coordinator who never visits), a first try that found nobody home, refusals, the
     * day (1st-25th, the second try two days later) and hour (8:30-18:00) in town time, and the position. Parameters:
     * the town's code, the distance that flags a visit ({@link Visits#FAR_METRES}). Each draw is
     * {@code vh_h(household, seed)} with a seed of its own per month ({@code m.seed}) and what is drawn (the added
     * number), the second try's draws 3 further on. One statement a town, so the counts' statement triggers (V19,
     * V23) take a town's year at once, and the year is written in time order.
     */
    static final String YEAR = """
            WITH m AS (SELECT (p.year_end - interval '12 months' + i * interval '1 month')::date AS first
                       FROM vh_param p, generate_series(0, 11) i),
            ms AS (SELECT first, (extract(year FROM first) * 12 + extract(month FROM first))::bigint * 32 AS seed FROM m),
            hm AS MATERIALIZED (
                SELECT h.id AS household_id, h.geom, g.code, g.user_id, m.seed,
                       CASE WHEN h.id % 2 = 1 AND g.coordinator_id IS NOT NULL THEN g.coordinator_id ELSE g.leader_id END AS staff_id,
                       CASE WHEN h.id % 2 = 1 AND g.coordinator_id IS NOT NULL THEN g.coordinator_name ELSE g.leader_name END AS staff_name,
                       h.id % 2 = 1 AND g.coordinator_id IS NOT NULL AND g.coordinator_never AS never,
                       NOT (h.id % 2 = 1 AND g.coordinator_id IS NOT NULL AND g.coordinator_never)
                           AND pg_temp.vh_h(h.id, m.seed + 1)
                               < g.pace * CASE extract(month FROM m.first) WHEN 2 THEN 0.75 WHEN 5 THEN 0.94 WHEN 9 THEN 0.94 ELSE 1 END
                           AS visited,
                       m.first
                FROM households h JOIN vh_grid g ON g.grid_id = h.grid_id AND g.town_code = ?, ms m),
            tries AS (
                SELECT hm.*, a.n,
                       CASE WHEN a.n = 1 THEN 'nobody_home'
                            WHEN pg_temp.vh_h(hm.household_id, hm.seed + 3) < 0.015 THEN 'refused' ELSE 'met' END AS outcome,
                       ((hm.first + floor(pg_temp.vh_h(hm.household_id, hm.seed + 4) * 25)::int + 2 * (a.n - 1))::timestamp
                           + (8.5 + 9.5 * pg_temp.vh_h(hm.household_id, hm.seed + 3 * a.n + 2)) * interval '1 hour')
                           AT TIME ZONE 'Asia/Shanghai' AS visited_at,
                       -- metres off the household: most within 30 m, one in fifty 250-750 m away
                       CASE WHEN pg_temp.vh_h(hm.household_id, hm.seed + 3 * a.n + 3) < 0.02
                            THEN 250 + 500 * pg_temp.vh_h(hm.household_id, hm.seed + 12)
                            ELSE 30 * pg_temp.vh_h(hm.household_id, hm.seed + 12) END AS r,
                       2 * pi() * pg_temp.vh_h(hm.household_id, hm.seed + 3 * a.n + 4) AS angle
                FROM hm CROSS JOIN (VALUES (1), (2)) a(n)
                WHERE (a.n = 2 AND hm.visited)
                   OR (a.n = 1 AND NOT hm.never
                       AND pg_temp.vh_h(hm.household_id, hm.seed + 2) < CASE WHEN hm.visited THEN 0.08 ELSE 0.3 END)),
            placed AS (
                SELECT t.*, ST_SetSRID(ST_MakePoint(
                           ST_X(t.geom) + t.r * cos(t.angle) / (111320 * cos(radians(ST_Y(t.geom)))),
                           ST_Y(t.geom) + t.r * sin(t.angle) / 110574), 4326) AS position
                FROM tries t),
            measured AS (SELECT p.*, ST_Distance(p.geom::geography, p.position::geography) AS distance_m FROM placed p)
            INSERT INTO visits (household_id, user_id, staff_id, staff_name, grid_code, visited_at, outcome, findings, notes,
                                position, distance_m, far_from_household)
            SELECT household_id, user_id, staff_id, staff_name, code, visited_at, outcome,
                   CASE WHEN outcome = 'met' THEN CASE floor(pg_temp.vh_h(household_id, seed + 13) * 60)::int
                       WHEN 0 THEN '反映村道夜间照明不足' WHEN 1 THEN '邻里宅基地界线纠纷，已现场调解'
                       WHEN 2 THEN '屋后边坡出现裂缝，需排查' WHEN 3 THEN '需代办养老保险资格认证' END END,
                   NULL, position, distance_m, distance_m > ?
            FROM measured ORDER BY visited_at""";
}
