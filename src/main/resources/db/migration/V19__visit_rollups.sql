-- A month's completion for a whole city (11,000 grids, 1.5 M households, 5 M visits a year) must not read every
-- household and visit. The database keeps, whoever writes: which households had a counting visit in which month,
-- per grid and month how many of its households that is, and per grid how many households it has. A household
-- moved by a grid edit takes its months with it, so completion keeps counting by the household's grid of today.

-- The town's month of an instant (Asia/Shanghai, as org.gridmap.visits.Visits.ZONE).
CREATE FUNCTION visit_month(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai')::date $$;

-- Whether an outcome makes the household visited for the month (VisitOutcomes.counting(); a test compares them).
CREATE FUNCTION visit_counts(outcome text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT outcome IN ('met', 'refused') $$;

CREATE TABLE visit_household_months (
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    month        date NOT NULL,
    PRIMARY KEY (household_id, month)
);

CREATE TABLE visit_grid_months (
    grid_id bigint NOT NULL REFERENCES grids (id) ON DELETE CASCADE,
    month   date NOT NULL,
    visited integer NOT NULL CHECK (visited >= 0),
    PRIMARY KEY (month, grid_id)
);

CREATE TABLE grid_household_counts (
    grid_id    bigint PRIMARY KEY REFERENCES grids (id) ON DELETE CASCADE,
    households integer NOT NULL CHECK (households >= 0)
);

INSERT INTO visit_household_months (household_id, month)
SELECT DISTINCT household_id, visit_month(visited_at) FROM visits WHERE visit_counts(outcome);
INSERT INTO visit_grid_months (grid_id, month, visited)
SELECT h.grid_id, m.month, count(*) FROM visit_household_months m JOIN households h ON h.id = m.household_id
WHERE h.grid_id IS NOT NULL GROUP BY h.grid_id, m.month;
INSERT INTO grid_household_counts (grid_id, households)
SELECT grid_id, count(*) FROM households WHERE grid_id IS NOT NULL GROUP BY grid_id;

-- Statement-level with transition tables: an import's COPY of a million rows updates each count once.
CREATE FUNCTION visit_rollup_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH firsts AS (
        INSERT INTO visit_household_months (household_id, month)
        SELECT DISTINCT household_id, visit_month(visited_at) FROM added WHERE visit_counts(outcome)
        ON CONFLICT DO NOTHING
        RETURNING household_id, month)
    INSERT INTO visit_grid_months (grid_id, month, visited)
    SELECT h.grid_id, f.month, count(*) FROM firsts f JOIN households h ON h.id = f.household_id
    WHERE h.grid_id IS NOT NULL GROUP BY h.grid_id, f.month
    ORDER BY 2, 1   -- one order of row locks for every writer
    ON CONFLICT (month, grid_id) DO UPDATE SET visited = visit_grid_months.visited + excluded.visited;
    RETURN NULL;
END $$;

CREATE TRIGGER visits_rollup AFTER INSERT ON visits REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup_visits();

-- Households entering a grid (inserted, or moved in by a grid edit) add to its counts; those leaving it (moved
-- away, deleted) take theirs away. One function per operation: a transition table exists only where its
-- operation has one.
CREATE FUNCTION visit_rollup_households_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO grid_household_counts (grid_id, households)
    SELECT grid_id, count(*) FROM came WHERE grid_id IS NOT NULL GROUP BY grid_id ORDER BY grid_id
    ON CONFLICT (grid_id) DO UPDATE SET households = grid_household_counts.households + excluded.households;
    RETURN NULL;   -- a new household has no visits yet
END $$;

CREATE FUNCTION visit_rollup_households_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE grid_household_counts c SET households = c.households - d.n
    FROM (SELECT grid_id, count(*) AS n FROM gone WHERE grid_id IS NOT NULL GROUP BY grid_id) d
    WHERE c.grid_id = d.grid_id;
    UPDATE visit_grid_months v SET visited = v.visited - d.n
    FROM (SELECT o.grid_id, m.month, count(*) AS n FROM gone o JOIN visit_household_months m ON m.household_id = o.id
          WHERE o.grid_id IS NOT NULL GROUP BY o.grid_id, m.month) d
    WHERE v.grid_id = d.grid_id AND v.month = d.month;
    RETURN NULL;
END $$;

CREATE FUNCTION visit_rollup_households_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS visit_rollup_moved (id bigint, from_grid bigint, to_grid bigint) ON COMMIT DROP;
    TRUNCATE visit_rollup_moved;
    INSERT INTO visit_rollup_moved
    SELECT o.id, o.grid_id, n.grid_id FROM gone o JOIN came n ON n.id = o.id WHERE o.grid_id IS DISTINCT FROM n.grid_id;
    IF NOT FOUND THEN RETURN NULL; END IF;
    -- deltas per grid (and month), leaving and entering netted, applied in one order of row locks
    INSERT INTO grid_household_counts (grid_id, households)
    SELECT grid_id, 0 FROM (SELECT to_grid AS grid_id FROM visit_rollup_moved WHERE to_grid IS NOT NULL) t
    GROUP BY grid_id ORDER BY grid_id ON CONFLICT DO NOTHING;
    UPDATE grid_household_counts c SET households = c.households + d.n
    FROM (SELECT grid_id, sum(n) AS n FROM (
              SELECT from_grid AS grid_id, -1 AS n FROM visit_rollup_moved WHERE from_grid IS NOT NULL
              UNION ALL SELECT to_grid, 1 FROM visit_rollup_moved WHERE to_grid IS NOT NULL) x GROUP BY grid_id) d
    WHERE c.grid_id = d.grid_id AND d.n <> 0;
    INSERT INTO visit_grid_months (grid_id, month, visited)
    SELECT r.to_grid, m.month, 0 FROM visit_rollup_moved r JOIN visit_household_months m ON m.household_id = r.id
    WHERE r.to_grid IS NOT NULL GROUP BY 1, 2 ORDER BY 2, 1 ON CONFLICT DO NOTHING;
    UPDATE visit_grid_months v SET visited = v.visited + d.n
    FROM (SELECT grid_id, month, sum(n) AS n FROM (
              SELECT r.from_grid AS grid_id, m.month, -1 AS n FROM visit_rollup_moved r
                  JOIN visit_household_months m ON m.household_id = r.id WHERE r.from_grid IS NOT NULL
              UNION ALL
              SELECT r.to_grid, m.month, 1 FROM visit_rollup_moved r
                  JOIN visit_household_months m ON m.household_id = r.id WHERE r.to_grid IS NOT NULL) x
          GROUP BY grid_id, month) d
    WHERE v.grid_id = d.grid_id AND v.month = d.month AND d.n <> 0;
    RETURN NULL;
END $$;

CREATE TRIGGER households_rollup_in AFTER INSERT ON households REFERENCING NEW TABLE AS came
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup_households_in();
CREATE TRIGGER households_rollup_out AFTER DELETE ON households REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup_households_out();
CREATE TRIGGER households_rollup_moved AFTER UPDATE ON households REFERENCING OLD TABLE AS gone NEW TABLE AS came
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup_households_moved();

-- completion's reads of the rollup for one village's grids, and the unvisited list's attempts
CREATE INDEX visit_grid_months_grid ON visit_grid_months (grid_id, month);

-- a map view of a grid's unvisited households is logged once per reader, grid and month in a few minutes: the
-- tile's statement looks for the reader's last such row
CREATE INDEX visit_data_reads_reader ON visit_data_reads (user_id, grid_code, month, read_at);
