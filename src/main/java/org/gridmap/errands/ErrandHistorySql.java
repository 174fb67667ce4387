package org.gridmap.errands;

import java.util.List;

/**
 * The SQL of {@link ErrandHistory}. {@code pg_temp.eh_u(key)} is a uniform number in [0, 1) drawn from the
 * md5 of a key (the household id, the errand's ordinal, what is being drawn), so the history is reproducible.
 * Times are drawn so that each ring is late about as often as the town's reports say (8 %, 10 %, 6 %), with
 * the deadlines the built-in policy gives (1, 1, 2 days, then the item's processing days).
 */
final class ErrandHistorySql {
    private ErrandHistorySql() { }

    static final String PARAMETERS = """
            CREATE TEMP TABLE eh_param ON COMMIT DROP AS
            SELECT (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS end_at, ?::float8 AS rate, ?::text[] AS towns""";

    static final List<String> PREPARE = List.of("""
            CREATE OR REPLACE FUNCTION pg_temp.eh_u(k text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
            $$ SELECT ('x' || substr(md5(k), 1, 12))::bit(48)::bigint / 281474976710656.0 $$""", """
            CREATE OR REPLACE FUNCTION pg_temp.eh_b32(hex text) RETURNS text LANGUAGE sql IMMUTABLE AS
            $$ SELECT string_agg(substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', get_byte(decode(hex, 'hex'), i) % 32 + 1, 1),
                                 '' ORDER BY i) FROM generate_series(0, 9) i $$""", """
            INSERT INTO users (username, password_hash, role, disabled)
            SELECT 'desk-' || g.code || '-gl', '!', 'staff', true FROM grids g JOIN villages v ON v.id = g.village_id
                JOIN towns t ON t.id = v.town_id, eh_param p WHERE t.code = ANY (p.towns)
            UNION ALL
            SELECT 'desk-' || v.code || '-st', '!', 'staff', true FROM villages v JOIN towns t ON t.id = v.town_id,
                eh_param p WHERE t.code = ANY (p.towns)
            UNION ALL
            SELECT 'desk-' || t.code || '-' || d.code, '!', 'staff', true FROM towns t CROSS JOIN errand_departments d,
                eh_param p WHERE t.code = ANY (p.towns)
            ON CONFLICT DO NOTHING""", """
            CREATE TEMP TABLE eh_grid ON COMMIT DROP AS
            SELECT g.id AS grid_id, t.code AS town_code,
                   (SELECT array_agg(f.id ORDER BY f.id) FROM facilities f WHERE f.grid_id = g.id AND f.level = 'point') AS points,
                   (SELECT s.id FROM staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader') AS leader_staff,
                   (SELECT u.id FROM users u WHERE u.username = 'desk-' || g.code || '-gl') AS leader_user,
                   (SELECT u.id FROM users u WHERE u.username = 'desk-' || v.code || '-st') AS station_user
            FROM grids g JOIN villages v ON v.id = g.village_id JOIN towns t ON t.id = v.town_id, eh_param p
            WHERE t.code = ANY (p.towns) AND NOT EXISTS (SELECT 1 FROM errands e WHERE e.grid_id = g.id)""", """
            CREATE TEMP TABLE eh_desk ON COMMIT DROP AS
            SELECT t.code AS town_code, d.code AS department_code, u.id AS user_id
            FROM towns t CROSS JOIN errand_departments d JOIN users u ON u.username = 'desk-' || t.code || '-' || d.code,
                 eh_param p WHERE t.code = ANY (p.towns)""", """
            CREATE TEMP TABLE eh_item ON COMMIT DROP AS
            SELECT code, department_code, processing_days, sum(w) OVER (ORDER BY code) - w AS lo,
                   sum(w) OVER (ORDER BY code) AS hi, sum(w) OVER () AS total
            FROM (SELECT code, department_code, processing_days, CASE code
                      WHEN 'medical_insurance_reimbursement' THEN 10 WHEN 'pension_claim' THEN 8
                      WHEN 'medical_insurance_enrolment' THEN 8 WHEN 'elderly_allowance' THEN 6
                      WHEN 'residence_certificate' THEN 6 WHEN 'minimum_living_allowance' THEN 5
                      WHEN 'pension_enrolment' THEN 5 WHEN 'id_card' THEN 4 WHEN 'social_security_card' THEN 4
                      WHEN 'farmland_subsidy' THEN 4 WHEN 'temporary_assistance' THEN 3
                      WHEN 'household_registration' THEN 3 WHEN 'disaster_relief' THEN 2 ELSE 1 END::float8 AS w
                  FROM errand_items) i""", """
            CREATE TEMP TABLE eh_errand ON COMMIT DROP AS
            WITH candidate AS MATERIALIZED (
                -- drawn once per errand: the item is then found by a range join, which would draw again per item
                SELECT h.id || ':' || k.i AS key, h.id AS household_id, gr.*, p.end_at,
                       pg_temp.eh_u(h.id || ':' || k.i || ':item') AS item_draw,
                       ((p.end_at AT TIME ZONE 'Asia/Shanghai')::date - 55
                        - floor(pg_temp.eh_u(h.id || ':' || k.i || ':day') * 310)::int) AS day
                FROM households h JOIN eh_grid gr ON gr.grid_id = h.grid_id CROSS JOIN eh_param p
                CROSS JOIN LATERAL generate_series(1, floor(p.rate * 1.4 + pg_temp.eh_u(h.id || ':n'))::int) k(i)
            ), drawn AS (
                SELECT c.*, it.code AS item_code, it.department_code, it.processing_days,
                       extract(month FROM c.day)::int AS month
                FROM candidate c JOIN eh_item it ON c.item_draw * it.total >= it.lo AND c.item_draw * it.total < it.hi
            ), seasonal AS (
                -- the spring festival and the busy farming months are quiet; enrolments, subsidies and relief have seasons
                SELECT d.* FROM drawn d
                WHERE pg_temp.eh_u(d.key || ':season') < (CASE d.month WHEN 2 THEN 0.4 WHEN 1 THEN 0.8 WHEN 7 THEN 0.7
                          WHEN 8 THEN 0.7 WHEN 6 THEN 0.8 ELSE 1.0 END)
                    * (CASE WHEN d.item_code = 'medical_insurance_enrolment' THEN (CASE WHEN d.month >= 9 THEN 1.0 ELSE 0.15 END)
                            WHEN d.item_code = 'farmland_subsidy' THEN (CASE WHEN d.month BETWEEN 3 AND 5 THEN 1.0 ELSE 0.2 END)
                            WHEN d.item_code = 'disaster_relief' THEN (CASE WHEN d.month BETWEEN 6 AND 8 THEN 1.0 ELSE 0.1 END)
                            ELSE 1.0 END)
            ), timed AS (
                SELECT s.*,
                       (s.day + time '08:30' + pg_temp.eh_u(s.key || ':t') * interval '9 hours') AT TIME ZONE 'Asia/Shanghai' AS filed_at,
                       pg_temp.eh_u(s.key || ':l1') < 0.08 AS late1, pg_temp.eh_u(s.key || ':l2') < 0.10 AS late2,
                       pg_temp.eh_u(s.key || ':l3') < 0.06 AS late3,
                       interval '1 hour' * (0.1 + 5 * pg_temp.eh_u(s.key || ':c1')) AS c1,
                       interval '1 hour' * (0.1 + 5 * pg_temp.eh_u(s.key || ':c2')) AS c2,
                       interval '1 hour' * (0.1 + 8 * pg_temp.eh_u(s.key || ':c3')) AS c3,
                       pg_temp.eh_u(s.key || ':ch') AS ch, pg_temp.eh_u(s.key || ':r') AS r
                FROM seasonal s
            ), sent AS (
                SELECT t.*,
                       t.filed_at + interval '1 hour' * CASE WHEN t.late1 THEN 25 + 40 * pg_temp.eh_u(t.key || ':t1')
                                                             ELSE 0.3 + 22 * pg_temp.eh_u(t.key || ':t1') END AS s1
                FROM timed t
            ), sent2 AS (
                -- the receiver's deadline runs from the moment it was sent
                SELECT s.*, s.s1 + CASE WHEN s.late2 THEN interval '1 hour' * (25 + 40 * pg_temp.eh_u(s.key || ':t2'))
                                        ELSE s.c1 + (interval '23 hours' - s.c1) * pg_temp.eh_u(s.key || ':t2') END AS s2
                FROM sent s
            ), sent3 AS (
                SELECT s.*, s.s2 + CASE WHEN s.late3 THEN interval '1 hour' * (49 + 48 * pg_temp.eh_u(s.key || ':t3'))
                                        ELSE s.c2 + (interval '47 hours' - s.c2) * pg_temp.eh_u(s.key || ':t3') END AS s3
                FROM sent2 s
            )
            SELECT s.key, s.household_id, s.grid_id, s.town_code, s.item_code, s.processing_days, s.leader_staff,
                   s.leader_user, s.station_user, dk.user_id AS department_user, s.filed_at, s.s1, s.s2, s.s3,
                   s.s1 + s.c1 AS r1, s.s2 + s.c2 AS r2, s.s3 + s.c3 AS r3,
                   s.s3 + s.c3 + interval '1 day' * s.processing_days * (0.3 + 0.85 * pg_temp.eh_u(s.key || ':dept')) AS ready,
                   CASE WHEN s.ch < 0.8 AND s.points IS NOT NULL THEN 'point' WHEN s.ch < 0.95 THEN 'phone' ELSE 'online' END AS channel,
                   CASE WHEN s.ch < 0.8 OR s.ch >= 0.95 THEN s.points[1 + floor(pg_temp.eh_u(s.key || ':pt')
                        * coalesce(cardinality(s.points), 1))::int] END AS facility_id,
                   pg_temp.eh_u(s.key || ':urg') < 0.02 AS urgent,
                   pg_temp.eh_u(s.key || ':cl') < 0.85 AS closed,
                   greatest(1, CASE WHEN s.r < 0.6 THEN 5 WHEN s.r < 0.85 THEN 4 WHEN s.r < 0.95 THEN 3 WHEN s.r < 0.98 THEN 2 ELSE 1 END
                       - CASE WHEN (s.late1 OR s.late2 OR s.late3) AND pg_temp.eh_u(s.key || ':down') < 0.5 THEN 1 ELSE 0 END) AS rating,
                   (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗'])
                       [1 + floor(20 * pg_temp.eh_u(s.key || ':sn'))::int]
                   || (ARRAY['秀英','桂兰','建华','志强','玉兰','明','伟','芳','德胜','淑珍','永红','国平','春梅','海燕',
                             '长林','小红','光明','翠花','建国','丽'])[1 + floor(20 * pg_temp.eh_u(s.key || ':gn'))::int] AS resident_name,
                   '100-' || lpad(floor(10000 * pg_temp.eh_u(s.key || ':p1'))::int::text, 4, '0') || '-'
                       || lpad(floor(10000 * pg_temp.eh_u(s.key || ':p2'))::int::text, 4, '0') AS resident_phone,
                   'E' || to_char(s.filed_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || pg_temp.eh_b32(md5(gen_random_uuid()::text)) AS number,
                   1 + 96 * pg_temp.eh_u(s.key || ':ret') AS return_hours, 1 + 72 * pg_temp.eh_u(s.key || ':close') AS close_hours
            FROM sent3 s JOIN eh_desk dk ON dk.town_code = s.town_code AND dk.department_code = s.department_code""");

    static final String ERRANDS = """
            INSERT INTO errands (number, item_code, grid_id, facility_id, channel, resident_name, resident_phone,
                household_id, urgent, urgent_reason, filed_at, holder_user_id, stage, stage_since, stage_due_at,
                result_due_at, rating, rating_comment, closed_at)
            SELECT number, item_code, grid_id, facility_id, channel, resident_name, resident_phone, household_id, urgent,
                   CASE WHEN urgent THEN '病重，需加急' END, filed_at, department_user,
                   CASE WHEN closed THEN 'closed' ELSE 'returned' END,
                   ready + interval '1 hour' * (return_hours + CASE WHEN closed THEN close_hours ELSE 0 END), NULL,
                   filed_at + interval '1 day' * (4 + processing_days),
                   CASE WHEN closed THEN rating END,
                   CASE WHEN NOT closed THEN NULL WHEN rating >= 4 THEN '办得快，服务好' WHEN rating = 3 THEN '还行'
                        ELSE '跑了好几趟，太慢' END,
                   CASE WHEN closed THEN ready + interval '1 hour' * (return_hours + close_hours) END
            FROM eh_errand ORDER BY filed_at""";

    static final String HANDOFFS = """
            INSERT INTO errand_handoffs (errand_id, from_stage, to_stage, from_user_id, to_user_id, to_staff_id, sent_at,
                due_at, receiver_due_at, confirmed_at, confirmed_by)
            SELECT e.id, hop.from_stage, hop.to_stage, hop.from_user, hop.to_user, hop.to_staff, hop.sent, hop.due,
                   hop.receiver_due, hop.confirmed, hop.to_user
            FROM eh_errand x JOIN errands e ON e.number = x.number
            CROSS JOIN LATERAL (VALUES
                ('filed', 'grid', NULL::bigint, x.leader_user, x.leader_staff, x.s1, x.filed_at + interval '1 day',
                 x.s1 + interval '1 day', x.r1),
                ('grid', 'station', x.leader_user, x.station_user, NULL::bigint, x.s2, x.s1 + interval '1 day',
                 x.s2 + interval '2 days', x.r2),
                ('station', 'department', x.station_user, x.department_user, NULL::bigint, x.s3, x.s2 + interval '2 days',
                 x.s3 + interval '1 day' * x.processing_days, x.r3))
                AS hop(from_stage, to_stage, from_user, to_user, to_staff, sent, due, receiver_due, confirmed)
            ORDER BY hop.sent""";

    /** The entries as the service would have written them, before their hashes. */
    static final String EVENTS = """
            CREATE TEMP TABLE eh_event ON COMMIT DROP AS
            SELECT e.id AS errand_id, ev.seq, ev.at, ev.actor, ev.event, ev.detail
            FROM eh_errand x JOIN errands e ON e.number = x.number
            JOIN errand_handoffs h1 ON h1.errand_id = e.id AND h1.to_stage = 'grid'
            JOIN errand_handoffs h2 ON h2.errand_id = e.id AND h2.to_stage = 'station'
            JOIN errand_handoffs h3 ON h3.errand_id = e.id AND h3.to_stage = 'department'
            CROSS JOIN LATERAL (VALUES
                (1, x.filed_at, NULL::bigint, 'filed', jsonb_build_object('channel', x.channel, 'item', x.item_code,
                    'grid', x.grid_id, 'urgent', x.urgent)),
                (2, h1.sent_at, NULL, 'handed_off', jsonb_build_object('handoff', h1.id, 'from', 'filed', 'to', 'grid',
                    'toUser', h1.to_user_id, 'late', h1.sent_at > h1.due_at)),
                (3, h1.confirmed_at, h1.to_user_id, 'confirmed', jsonb_build_object('handoff', h1.id, 'stage', 'grid',
                    'late', h1.confirmed_at > h1.receiver_due_at)),
                (4, h2.sent_at, h1.to_user_id, 'handed_off', jsonb_build_object('handoff', h2.id, 'from', 'grid',
                    'to', 'station', 'toUser', h2.to_user_id, 'late', h2.sent_at > h2.due_at)),
                (5, h2.confirmed_at, h2.to_user_id, 'confirmed', jsonb_build_object('handoff', h2.id, 'stage', 'station',
                    'late', h2.confirmed_at > h2.receiver_due_at)),
                (6, h3.sent_at, h2.to_user_id, 'handed_off', jsonb_build_object('handoff', h3.id, 'from', 'station',
                    'to', 'department', 'toUser', h3.to_user_id, 'late', h3.sent_at > h3.due_at)),
                (7, h3.confirmed_at, h3.to_user_id, 'confirmed', jsonb_build_object('handoff', h3.id, 'stage', 'department',
                    'late', h3.confirmed_at > h3.receiver_due_at)),
                (8, x.ready, h3.to_user_id, 'stage', jsonb_build_object('from', 'department', 'to', 'result_ready')),
                (9, x.ready + interval '1 hour' * x.return_hours, h3.to_user_id, 'stage',
                    jsonb_build_object('from', 'result_ready', 'to', 'returned')),
                (10, e.closed_at, h3.to_user_id, 'closed', jsonb_build_object('from', 'returned', 'to', 'closed',
                    'rating', e.rating))) AS ev(seq, at, actor, event, detail)
            WHERE ev.seq < 10 OR x.closed""";

    /**
     * Every chain in one statement: entry {@code seq} carries the hash of entry {@code seq - 1}, so the chains
     * are built seq by seq (a recursive query), then written in order.
     */
    static final String CHAIN = """
            INSERT INTO errand_history (errand_id, seq, at, actor_user_id, event, detail, prev_hash, hash)
            WITH RECURSIVE chain AS (
                SELECT v.errand_id, v.seq, v.at, v.actor, v.event, v.detail, ''::text AS prev_hash,
                       errand_history_digest('', v.errand_id, v.seq, v.at, v.actor, v.event, v.detail) AS hash
                FROM eh_event v WHERE v.seq = 1
                UNION ALL
                SELECT v.errand_id, v.seq, v.at, v.actor, v.event, v.detail, c.hash,
                       errand_history_digest(c.hash, v.errand_id, v.seq, v.at, v.actor, v.event, v.detail)
                FROM chain c JOIN eh_event v ON v.errand_id = c.errand_id AND v.seq = c.seq + 1
            )
            SELECT errand_id, seq, at, actor, event, detail, prev_hash, hash FROM chain ORDER BY errand_id, seq""";
}
