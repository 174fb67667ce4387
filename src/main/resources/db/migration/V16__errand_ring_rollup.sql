-- The rings' figures for a city (a million errands a year) cannot be computed from the hand-offs at each request:
-- the database keeps them rolled up per village and ring, per day and per month of the town (Asia/Shanghai),
-- in the same transaction as every hand-off. A stage time is kept in a histogram of 64 buckets, fine where stage
-- times are (half an hour up to a day), so the median is found within one bucket's width without the rows.

-- The bucket (1–64) of a stage time in hours: 0.5 h wide below 24 h, 2 h wide up to 48 h, then 48–72, 72–120,
-- 120–240 and 240 h or more. ErrandRingHistogram (Java) holds the same edges; a test checks they agree.
CREATE FUNCTION errand_ring_bucket(hours float8) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN hours < 24 THEN 1 + floor(greatest(hours, 0) / 0.5)::int
                WHEN hours < 48 THEN 49 + floor((hours - 24) / 2)::int
                WHEN hours < 72 THEN 61 WHEN hours < 120 THEN 62 WHEN hours < 240 THEN 63 ELSE 64 END
$$;

-- a + sign * b, bucket by bucket (either may be shorter: missing buckets are empty)
CREATE FUNCTION errand_ring_hist_add(a integer[], b integer[], sign integer) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
    SELECT array_agg(coalesce(a[i], 0) + sign * coalesce(b[i], 0) ORDER BY i)
    FROM generate_series(1, greatest(coalesce(cardinality(a), 0), coalesce(cardinality(b), 0))) i
$$;

CREATE TABLE errand_ring_rollup (
    span       text NOT NULL CHECK (span IN ('day', 'month')),
    -- the first day of the day or month, in the town's calendar (Asia/Shanghai)
    start      date NOT NULL,
    village_id bigint NOT NULL,
    -- the level that handed the errands on (the ring), as errand_handoffs.from_stage
    from_stage text NOT NULL,
    handoffs   integer NOT NULL CHECK (handoffs >= 0),
    on_time    integer NOT NULL CHECK (on_time BETWEEN 0 AND handoffs),
    -- hist[b]: hand-offs whose stage time fell in bucket b; trailing empty buckets are left out
    hist       integer[] NOT NULL,
    PRIMARY KEY (span, start, village_id, from_stage)
);

CREATE AGGREGATE errand_ring_concat(integer[]) (SFUNC = array_cat, STYPE = integer[], INITCOND = '{}');

-- What these hand-offs, counted in these villages, add to the rollup, per day and month, village and ring. A stage
-- time runs from the receipt that brought the errand to the sender's level (or its filing) to the hand-off; that
-- receipt is confirmed before the errand can be handed on, so the time is known when the hand-off is written.
CREATE FUNCTION errand_ring_delta(handoff_ids bigint[], village_ids bigint[])
RETURNS TABLE (span text, start date, village_id bigint, from_stage text, handoffs integer, on_time integer, hist integer[])
LANGUAGE sql STABLE AS $$
    WITH hop AS (
        SELECT x.village_id, h.from_stage, h.sent_at <= h.due_at AS on_time,
               (h.sent_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
               errand_ring_bucket(extract(epoch FROM h.sent_at - coalesce(p.confirmed_at, e.filed_at)) / 3600.0) AS bucket
        FROM unnest(handoff_ids, village_ids) AS x(handoff_id, village_id)
        JOIN errand_handoffs h ON h.id = x.handoff_id
        JOIN errands e ON e.id = h.errand_id
        LEFT JOIN errand_handoffs p ON p.errand_id = h.errand_id AND p.to_stage = h.from_stage
    ), spans AS (
        SELECT 'day' AS span, day AS start, village_id, from_stage, on_time, bucket FROM hop
        UNION ALL
        SELECT 'month', date_trunc('month', day)::date, village_id, from_stage, on_time, bucket FROM hop
    ), per_bucket AS (
        SELECT span, start, village_id, from_stage, bucket, count(*) AS n, count(*) FILTER (WHERE on_time) AS on_time
        FROM spans GROUP BY span, start, village_id, from_stage, bucket
    ), gaps AS (
        -- each count preceded by the empty buckets since the one before it, so that concatenated they form the histogram
        SELECT *, array_fill(0, ARRAY[bucket - 1 - coalesce(lag(bucket) OVER (
                      PARTITION BY span, start, village_id, from_stage ORDER BY bucket), 0)]) || n::int AS piece
        FROM per_bucket
    )
    SELECT span, start, village_id, from_stage, sum(n)::int, sum(on_time)::int, errand_ring_concat(piece ORDER BY bucket)
    FROM gaps GROUP BY span, start, village_id, from_stage
    -- one order for every writer, so that two transactions never wait on each other's rows crosswise
    ORDER BY span, start, village_id, from_stage
$$;

-- Adds (sign 1) or takes away (sign -1) these hand-offs, counted in these villages, from the rollup.
CREATE FUNCTION errand_ring_add(handoff_ids bigint[], village_ids bigint[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF sign > 0 THEN
        INSERT INTO errand_ring_rollup AS r (span, start, village_id, from_stage, handoffs, on_time, hist)
        SELECT * FROM errand_ring_delta(handoff_ids, village_ids)
        ON CONFLICT (span, start, village_id, from_stage) DO UPDATE
            SET handoffs = r.handoffs + excluded.handoffs, on_time = r.on_time + excluded.on_time,
                hist = errand_ring_hist_add(r.hist, excluded.hist, 1);
    ELSE
        UPDATE errand_ring_rollup r
        SET handoffs = r.handoffs - d.handoffs, on_time = r.on_time - d.on_time,
            hist = errand_ring_hist_add(r.hist, d.hist, -1)
        FROM errand_ring_delta(handoff_ids, village_ids) d
        WHERE r.span = d.span AND r.start = d.start AND r.village_id = d.village_id AND r.from_stage = d.from_stage;
        DELETE FROM errand_ring_rollup r USING unnest(village_ids) v(id) WHERE r.village_id = v.id AND r.handoffs = 0;
    END IF;
END $$;

-- every new hand-off, one at a time from the service or a year at once from the importer, set-wise
CREATE FUNCTION errand_ring_handoffs_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM errand_ring_add(array_agg(a.id), array_agg(g.village_id), 1)
    FROM added a JOIN errands e ON e.id = a.errand_id JOIN grids g ON g.id = e.grid_id
    HAVING count(*) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER errand_handoffs_ring_rollup AFTER INSERT ON errand_handoffs REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION errand_ring_handoffs_added();

-- hand-offs whose errand now counts in another village leave the old one's rows for the new one's
CREATE FUNCTION errand_ring_move(handoff_ids bigint[], from_villages bigint[], to_villages bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM errand_ring_add(handoff_ids, from_villages, -1);
    PERFORM errand_ring_add(handoff_ids, to_villages, 1);
END $$;

-- an errand moved to a grid of another village (a grid merge) takes its hand-offs along
CREATE FUNCTION errand_ring_errands_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM errand_ring_move(array_agg(h.id), array_agg(go.village_id), array_agg(gn.village_id))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    JOIN grids go ON go.id = o.grid_id JOIN grids gn ON gn.id = n.grid_id
    JOIN errand_handoffs h ON h.errand_id = n.id
    WHERE go.village_id <> gn.village_id
    HAVING count(*) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER errands_ring_rollup AFTER UPDATE ON errands REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION errand_ring_errands_moved();

-- a grid given to another village takes its errands' hand-offs along
CREATE FUNCTION errand_ring_grids_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM errand_ring_move(array_agg(h.id), array_agg(o.village_id), array_agg(n.village_id))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    JOIN errands e ON e.grid_id = n.id
    JOIN errand_handoffs h ON h.errand_id = e.id
    WHERE o.village_id <> n.village_id
    HAVING count(*) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER grids_ring_rollup AFTER UPDATE ON grids REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION errand_ring_grids_moved();

-- the hand-offs already written
SELECT errand_ring_add(array_agg(h.id), array_agg(g.village_id), 1)
FROM errand_handoffs h JOIN errands e ON e.id = h.errand_id JOIN grids g ON g.id = e.grid_id
HAVING count(*) > 0;
