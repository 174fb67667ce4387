-- Who visited a city's grids in a month (per grid, per visitor, the households with a counting visit) must not be
-- counted from the month's million visits. As V19 does for completion, the database keeps, whoever writes: which
-- households each visitor visited (counting) in which month, and per grid, month and visitor how many households
-- that is. A household moved by a grid edit takes its months with it, so the count stays by the household's grid
-- of today. A visitor is the staff entry and the name shown: the staff entry's name at the time of the visit, or
-- else the account's user name (user names are not renamed once visits name them).

CREATE TABLE visit_household_visitors (
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    month        date NOT NULL,
    staff_id     bigint,
    name         text NOT NULL,
    -- a visit without a staff entry (an admin, a station) is one visitor per name
    UNIQUE NULLS NOT DISTINCT (household_id, month, staff_id, name)
);

CREATE TABLE visit_grid_visitors (
    grid_id    bigint NOT NULL REFERENCES grids (id) ON DELETE CASCADE,
    month      date NOT NULL,
    staff_id   bigint,
    name       text NOT NULL,
    households integer NOT NULL CHECK (households >= 0),
    UNIQUE NULLS NOT DISTINCT (month, grid_id, staff_id, name)
);

INSERT INTO visit_household_visitors (household_id, month, staff_id, name)
SELECT DISTINCT x.household_id, visit_month(x.visited_at), x.staff_id, coalesce(x.staff_name, u.username)
FROM visits x JOIN users u ON u.id = x.user_id WHERE visit_counts(x.outcome);
INSERT INTO visit_grid_visitors (grid_id, month, staff_id, name, households)
SELECT h.grid_id, m.month, m.staff_id, m.name, count(*)
FROM visit_household_visitors m JOIN households h ON h.id = m.household_id
WHERE h.grid_id IS NOT NULL GROUP BY h.grid_id, m.month, m.staff_id, m.name;

-- Statement-level with transition tables: an import's million visits update each count once. These triggers are
-- named to fire after V19's on the same table, so every writer locks V19's counts first, then these.
CREATE FUNCTION visit_rollup_visitors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH firsts AS (
        INSERT INTO visit_household_visitors (household_id, month, staff_id, name)
        SELECT DISTINCT a.household_id, visit_month(a.visited_at), a.staff_id, coalesce(a.staff_name, u.username)
        FROM added a JOIN users u ON u.id = a.user_id WHERE visit_counts(a.outcome)
        ON CONFLICT DO NOTHING
        RETURNING household_id, month, staff_id, name)
    INSERT INTO visit_grid_visitors (grid_id, month, staff_id, name, households)
    SELECT h.grid_id, f.month, f.staff_id, f.name, count(*) FROM firsts f JOIN households h ON h.id = f.household_id
    WHERE h.grid_id IS NOT NULL GROUP BY h.grid_id, f.month, f.staff_id, f.name
    ORDER BY 2, 1, 3, 4   -- one order of row locks for every writer
    ON CONFLICT (month, grid_id, staff_id, name) DO UPDATE SET households = visit_grid_visitors.households + excluded.households;
    RETURN NULL;
END $$;

CREATE TRIGGER visits_rollup_visitors AFTER INSERT ON visits REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup_visitors();

-- Households leaving a grid (deleted) take their counts away; a new household has no visits yet, so inserting
-- households changes nothing here. One function per operation: a transition table exists only where its
-- operation has one.
CREATE FUNCTION visit_rollup_visitors_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE visit_grid_visitors v SET households = v.households - d.n
    FROM (SELECT o.grid_id, m.month, m.staff_id, m.name, count(*) AS n
          FROM gone o JOIN visit_household_visitors m ON m.household_id = o.id
          WHERE o.grid_id IS NOT NULL GROUP BY o.grid_id, m.month, m.staff_id, m.name) d
    WHERE v.grid_id = d.grid_id AND v.month = d.month AND v.staff_id IS NOT DISTINCT FROM d.staff_id AND v.name = d.name;
    RETURN NULL;
END $$;

CREATE FUNCTION visit_rollup_visitors_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS visit_rollup_visitors_moved (id bigint, from_grid bigint, to_grid bigint) ON COMMIT DROP;
    TRUNCATE visit_rollup_visitors_moved;
    INSERT INTO visit_rollup_visitors_moved
    SELECT o.id, o.grid_id, n.grid_id FROM gone o JOIN came n ON n.id = o.id WHERE o.grid_id IS DISTINCT FROM n.grid_id;
    IF NOT FOUND THEN RETURN NULL; END IF;
    -- deltas per grid, month and visitor, leaving and entering netted, applied in one order of row locks
    INSERT INTO visit_grid_visitors (grid_id, month, staff_id, name, households)
    SELECT r.to_grid, m.month, m.staff_id, m.name, 0
    FROM visit_rollup_visitors_moved r JOIN visit_household_visitors m ON m.household_id = r.id
    WHERE r.to_grid IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 2, 1, 3, 4 ON CONFLICT DO NOTHING;
    UPDATE visit_grid_visitors v SET households = v.households + d.n
    FROM (SELECT grid_id, month, staff_id, name, sum(n) AS n FROM (
              SELECT r.from_grid AS grid_id, m.month, m.staff_id, m.name, -1 AS n FROM visit_rollup_visitors_moved r
                  JOIN visit_household_visitors m ON m.household_id = r.id WHERE r.from_grid IS NOT NULL
              UNION ALL
              SELECT r.to_grid, m.month, m.staff_id, m.name, 1 FROM visit_rollup_visitors_moved r
                  JOIN visit_household_visitors m ON m.household_id = r.id WHERE r.to_grid IS NOT NULL) x
          GROUP BY grid_id, month, staff_id, name) d
    WHERE v.grid_id = d.grid_id AND v.month = d.month AND v.staff_id IS NOT DISTINCT FROM d.staff_id AND v.name = d.name
      AND d.n <> 0;
    RETURN NULL;
END $$;

CREATE TRIGGER households_rollup_visitors_out AFTER DELETE ON households REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup_visitors_out();
CREATE TRIGGER households_rollup_visitors_moved AFTER UPDATE ON households REFERENCING OLD TABLE AS gone NEW TABLE AS came
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollup_visitors_moved();
