package org.gridmap.reports;

import java.util.List;

/**
 * The SQL of {@link WorkHistory}. {@code pg_temp.wh_u(key)} is a uniform number in [0, 1) drawn from the md5 of a
 * key, so the history is reproducible. Grids draw a habit once: one in ten leaders never reports, two in ten are
 * behind (a third of their reports late, a fifth missing), the rest report on time but for a few.
 */
final class WorkHistorySql {
    private WorkHistorySql() { }

    static final String PARAMETERS = """
            CREATE TEMP TABLE wh_param ON COMMIT DROP AS
            SELECT x.e AS year_end, x.e - 365 AS year_start, ?::int AS period_days, ?::float8 AS rate, ?::text[] AS towns
            FROM (SELECT ?::date AS e) x""";

    static final List<String> PREPARE = List.of("""
            CREATE OR REPLACE FUNCTION pg_temp.wh_u(k text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
            $$ SELECT ('x' || substr(md5(k), 1, 12))::bit(48)::bigint / 281474976710656.0 $$""", """
            INSERT INTO users (username, password_hash, role, disabled)
            SELECT 'desk-' || g.code || '-gl', '!', 'staff', true FROM grids g JOIN villages v ON v.id = g.village_id
                JOIN towns t ON t.id = v.town_id, wh_param p WHERE t.code = ANY (p.towns)
            UNION ALL
            SELECT 'desk-' || v.code || '-st', '!', 'staff', true FROM villages v JOIN towns t ON t.id = v.town_id,
                wh_param p WHERE t.code = ANY (p.towns)
            ON CONFLICT DO NOTHING""", """
            CREATE TEMP TABLE wh_grid ON COMMIT DROP AS
            SELECT g.id AS grid_id, g.code AS grid_code, g.village_id, v.code AS village_code,
                   coalesce((SELECT s.name FROM staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader' ORDER BY s.id LIMIT 1),
                            '网格长') AS leader,
                   (SELECT u.id FROM users u WHERE u.username = 'desk-' || g.code || '-gl') AS desk,
                   (SELECT u.id FROM users u WHERE u.username = 'desk-' || v.code || '-st') AS station_desk,
                   CASE WHEN pg_temp.wh_u(g.code || ':habit') < 0.1 THEN 'never'
                        WHEN pg_temp.wh_u(g.code || ':habit') < 0.3 THEN 'behind' ELSE 'steady' END AS habit
            FROM grids g JOIN villages v ON v.id = g.village_id JOIN towns t ON t.id = v.town_id, wh_param p
            WHERE t.code = ANY (p.towns) AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.grid_id = g.id)""", """
            CREATE TEMP TABLE wh_case ON COMMIT DROP AS
            WITH drawn AS (
                SELECT h.id AS household_id, h.geom, g.*, k.i,
                       p.year_start::timestamp AT TIME ZONE 'Asia/Shanghai'
                           + pg_temp.wh_u(h.id || ':' || k.i || ':t') * (p.year_end - p.year_start) * interval '1 day' AS opened_at,
                       pg_temp.wh_u(h.id || ':' || k.i || ':kind') AS kind_draw,
                       pg_temp.wh_u(h.id || ':' || k.i || ':fate') AS fate,
                       pg_temp.wh_u(h.id || ':' || k.i || ':days') AS days_draw
                FROM households h JOIN wh_grid g ON g.grid_id = h.grid_id, wh_param p,
                     generate_series(1, ceil(p.rate)::int) k(i)
                WHERE pg_temp.wh_u(h.id || ':' || k.i || ':case') < p.rate - (k.i - 1))
            SELECT d.*, CASE WHEN kind_draw < 0.55 THEN 'opinion' WHEN kind_draw < 0.8 THEN 'dispute'
                             WHEN kind_draw < 0.95 THEN 'safety' ELSE 'errand' END AS kind
            FROM drawn d""");

    /** Finished cases took a few days to a month; a case found in the year's last weeks is more often still open. */
    static final String CASES = """
            INSERT INTO cases (kind, household_id, grid_id, grid_code, village_id, title, parties, urgent, owner_name, status,
                               outcome, opened_at, due_at, resolved_at, closed_at, created_by, position)
            SELECT c.kind, c.household_id, c.grid_id, c.grid_code, c.village_id,
                   CASE c.kind WHEN 'opinion' THEN '群众反映：道路照明与饮水' WHEN 'dispute' THEN '邻里纠纷：宅基地界址'
                               WHEN 'safety' THEN '安全隐患：房屋裂缝' ELSE '代办：社保卡补办' END,
                   CASE WHEN c.kind = 'dispute' THEN '[{"name": "当事人甲"}, {"name": "当事人乙"}]'::jsonb END,
                   c.fate < 0.02, c.leader, c.status,
                   CASE WHEN c.kind = 'dispute' AND c.status IN ('resolved', 'closed') THEN '调解成功，双方签订协议' END,
                   c.opened_at,
                   c.opened_at + (CASE WHEN c.fate < 0.02 THEN 1 WHEN c.kind = 'opinion' THEN 7 WHEN c.kind = 'dispute' THEN 15
                                       WHEN c.kind = 'safety' THEN 3 ELSE 5 END) * interval '1 day',
                   CASE WHEN c.status IN ('resolved', 'closed') THEN c.opened_at + (1 + c.days_draw * 20) * interval '1 day' END,
                   CASE WHEN c.status = 'closed' THEN c.opened_at + (3 + c.days_draw * 25) * interval '1 day' END,
                   c.desk, c.geom
            FROM (SELECT w.*, CASE WHEN w.fate < w.open_share THEN 'open' WHEN w.fate < w.open_share + 0.09 THEN 'in_progress'
                                   WHEN w.fate < w.open_share + 0.37 THEN 'resolved' ELSE 'closed' END AS status
                  FROM (SELECT c.*, 0.03 + 0.3 * greatest(0, 1 - extract(epoch FROM (p.year_end::timestamp
                                    AT TIME ZONE 'Asia/Shanghai' - c.opened_at)) / (60 * 86400)) AS open_share
                        FROM wh_case c, wh_param p) w) c""";

    /** Each case's history follows from its state: opened, then the steps that lead to where it stands. */
    static final String CASE_HISTORY = """
            INSERT INTO case_history (case_id, at, user_id, username, action, status_before, status_after, text)
            SELECT k.id, s.at, k.created_by, g.leader, s.action, s.before, s.after, s.text
            FROM cases k JOIN wh_grid g ON g.grid_id = k.grid_id
            CROSS JOIN LATERAL (VALUES
                (1, k.opened_at, 'opened', NULL, 'open', k.title),
                (2, k.opened_at + interval '4 hours', 'status', 'open', 'in_progress', NULL),
                (3, k.resolved_at, 'status', 'in_progress', 'resolved', k.outcome),
                (4, k.closed_at, 'status', 'resolved', 'closed', NULL)) s(n, at, action, before, after, text)
            WHERE s.n = 1 OR (s.n = 2 AND k.status <> 'open') OR (s.n = 3 AND k.resolved_at IS NOT NULL)
               OR (s.n = 4 AND k.closed_at IS NOT NULL)
            ORDER BY k.id, s.n""";

    /** One report per grid and period of the year, by the grid's habit; visits and cases counted from the records. */
    static final String REPORTS = """
            INSERT INTO grid_reports (grid_id, grid_code, village_id, user_id, staff_name, period_start, submitted_at, due_at,
                                      late, urgent, visits_done, cases_opened, cases_closed, urgent_items, text)
            SELECT r.grid_id, r.grid_code, r.village_id, r.desk, r.leader, r.period_start, r.submitted_at, r.due_at,
                   r.submitted_at >= r.due_at, false,
                   (SELECT count(*) FROM visits x JOIN households h ON h.id = x.household_id WHERE h.grid_id = r.grid_id
                      AND x.visited_at >= r.from_at AND x.visited_at < r.due_at AND x.outcome <> 'nobody_home'),
                   (SELECT count(*) FROM cases k WHERE k.grid_id = r.grid_id AND k.opened_at >= r.from_at AND k.opened_at < r.due_at),
                   (SELECT count(*) FROM cases k WHERE k.grid_id = r.grid_id
                      AND coalesce(k.closed_at, k.resolved_at) >= r.from_at AND coalesce(k.closed_at, k.resolved_at) < r.due_at),
                   CASE WHEN r.draw < 0.01 THEN '["山体落石，已设警示"]'::jsonb ELSE '[]'::jsonb END,
                   '本期走访正常，无重大情况'
            FROM (SELECT g.*, d::date AS period_start, pg_temp.wh_u(g.grid_code || ':' || d::date || ':r') AS draw,
                         d::timestamp AT TIME ZONE 'Asia/Shanghai' AS from_at,
                         (d + p.period_days * interval '1 day')::timestamp AT TIME ZONE 'Asia/Shanghai' AS due_at,
                         (d + p.period_days * interval '1 day')::timestamp AT TIME ZONE 'Asia/Shanghai'
                           + CASE WHEN pg_temp.wh_u(g.grid_code || ':' || d::date || ':late')
                                       < CASE g.habit WHEN 'behind' THEN 0.33 ELSE 0.05 END
                                  THEN (2 + 40 * pg_temp.wh_u(g.grid_code || ':' || d::date || ':h')) * interval '1 hour'
                                  ELSE -(1 + 20 * pg_temp.wh_u(g.grid_code || ':' || d::date || ':h')) * interval '1 hour' END
                           AS submitted_at
                  FROM wh_grid g, wh_param p,
                       generate_series(p.year_start + ((p.period_days - (p.year_start - date '1970-01-01') % p.period_days)
                                                       % p.period_days),
                                       p.year_end - p.period_days, p.period_days * interval '1 day') d
                  WHERE g.habit <> 'never') r
            WHERE NOT (r.habit = 'behind' AND pg_temp.wh_u(r.grid_code || ':' || r.period_start || ':miss') < 0.2)
              AND NOT (r.habit = 'steady' AND pg_temp.wh_u(r.grid_code || ':' || r.period_start || ':miss') < 0.03)""";

    static final String NOTIFICATIONS = """
            INSERT INTO station_notifications (village_id, kind, report_id, grid_code, at, summary)
            SELECT r.village_id, 'urgent_report', r.id, r.grid_code, r.submitted_at, r.grid_code || ': ' || (r.urgent_items ->> 0)
            FROM grid_reports r JOIN wh_grid g ON g.grid_id = r.grid_id WHERE jsonb_array_length(r.urgent_items) > 0""";

    /** Every station meets on the Tuesday of each week, but for one week in twenty. */
    static final String MEETINGS = """
            INSERT INTO station_meetings (village_id, held_on, recorded_by, recorded_at, decisions, notes)
            SELECT v.village_id, d::date, v.station_desk, (d::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai',
                   '["未结事件逐件落实责任人", "下周重点走访独居老人"]'::jsonb, NULL
            FROM (SELECT DISTINCT village_id, village_code, station_desk FROM wh_grid) v, wh_param p,
                 generate_series(p.year_start + ((9 - extract(isodow FROM p.year_start)::int) % 7), p.year_end - 1,
                                 interval '7 days') d
            WHERE pg_temp.wh_u(v.village_code || ':' || d::date || ':meet') >= 0.05""";

    static final String ATTENDANCE = """
            INSERT INTO meeting_attendance (meeting_id, grid_code, staff_name, present)
            SELECT m.id, g.grid_code, g.leader, pg_temp.wh_u(g.grid_code || ':' || m.held_on || ':came') < 0.85
            FROM station_meetings m JOIN wh_grid g ON g.village_id = m.village_id""";

    /** Up to three of the village's cases open on the meeting's day. */
    static final String MEETING_CASES = """
            INSERT INTO meeting_cases (meeting_id, case_id, note)
            SELECT m.id, k.id, '明确责任人，限期办结'
            FROM station_meetings m
            CROSS JOIN LATERAL (SELECT k.id FROM cases k WHERE k.village_id = m.village_id
                                  AND k.opened_at < m.held_on::timestamp AT TIME ZONE 'Asia/Shanghai'
                                  AND coalesce(k.resolved_at, 'infinity') > m.held_on::timestamp AT TIME ZONE 'Asia/Shanghai'
                                ORDER BY k.opened_at LIMIT 3) k
            WHERE m.village_id IN (SELECT village_id FROM wh_grid)""";
}
