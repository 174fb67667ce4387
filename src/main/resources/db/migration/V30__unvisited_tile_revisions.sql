-- A grid's unvisited households (its staff's map layer) change only when one of its households is visited, or when
-- its households change: added, removed, moved by a grid edit, their members edited. The database numbers those
-- changes per grid, whoever writes them and through whichever node, so a node may keep a rendered tile and serve
-- it again after a one-row check instead of rendering it per request. The numbers come from one sequence: they
-- never repeat, so a tile kept under one number can never be taken for a later state (not even after a TRUNCATE);
-- an update draws its number once it holds the grid's row, so a grid's numbers also grow in commit order.
-- A grid without a row has had no such change since this migration: number 0.
CREATE SEQUENCE unvisited_revision;

CREATE TABLE unvisited_revisions (
    grid_id  bigint PRIMARY KEY,   -- no reference: a deleted grid's number is harmless, grid ids are never reused
    revision bigint NOT NULL
);

-- Visits are append-only (V13): inserts and TRUNCATE are the only changes. Statement-level with transition tables,
-- as V19's counts, so a bulk load numbers each grid once; grids in one order of row locks for every writer.
CREATE FUNCTION unvisited_revise_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO unvisited_revisions (grid_id, revision)
    SELECT g, nextval('unvisited_revision') FROM (
        SELECT DISTINCT h.grid_id AS g FROM added a JOIN households h ON h.id = a.household_id
        WHERE h.grid_id IS NOT NULL ORDER BY 1) x
    ON CONFLICT (grid_id) DO UPDATE SET revision = nextval('unvisited_revision');
    RETURN NULL;
END $$;

CREATE TRIGGER visits_unvisited_revision AFTER INSERT ON visits REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION unvisited_revise_visits();

-- Households: the grids they were in and the grids they are in now. One function per operation, as in V19: a
-- transition table exists only where its operation has one.
CREATE FUNCTION unvisited_revise_grids(grids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO unvisited_revisions (grid_id, revision)
    SELECT g, nextval('unvisited_revision') FROM (SELECT DISTINCT g FROM unnest(grids) g WHERE g IS NOT NULL ORDER BY 1) x
    ON CONFLICT (grid_id) DO UPDATE SET revision = nextval('unvisited_revision')
$$;

CREATE FUNCTION unvisited_revise_households_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unvisited_revise_grids(ARRAY(SELECT DISTINCT grid_id FROM came));
    RETURN NULL;
END $$;

CREATE FUNCTION unvisited_revise_households_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unvisited_revise_grids(ARRAY(SELECT DISTINCT grid_id FROM gone));
    RETURN NULL;
END $$;

CREATE FUNCTION unvisited_revise_households_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unvisited_revise_grids(ARRAY(SELECT grid_id FROM gone UNION SELECT grid_id FROM came));
    RETURN NULL;
END $$;

CREATE TRIGGER households_unvisited_revision_in AFTER INSERT ON households REFERENCING NEW TABLE AS came
    FOR EACH STATEMENT EXECUTE FUNCTION unvisited_revise_households_in();
CREATE TRIGGER households_unvisited_revision_out AFTER DELETE ON households REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION unvisited_revise_households_out();
CREATE TRIGGER households_unvisited_revision_changed AFTER UPDATE ON households REFERENCING OLD TABLE AS gone NEW TABLE AS came
    FOR EACH STATEMENT EXECUTE FUNCTION unvisited_revise_households_changed();

-- A TRUNCATE of visits or households changes every grid's layer: every grid gets a new number.
CREATE FUNCTION unvisited_revise_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM unvisited_revise_grids(ARRAY(SELECT id FROM grids));
    RETURN NULL;
END $$;

CREATE TRIGGER visits_unvisited_revision_truncate AFTER TRUNCATE ON visits
    FOR EACH STATEMENT EXECUTE FUNCTION unvisited_revise_all();
CREATE TRIGGER households_unvisited_revision_truncate AFTER TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION unvisited_revise_all();
