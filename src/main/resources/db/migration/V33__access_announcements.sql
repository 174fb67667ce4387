-- What a node may vouch for without asking the database again: that a reader's session is live, that they may see
-- a grid, and that the grid's unvisited households are as its kept tile shows them (V30's number). Each of those
-- facts is announced on channel 'gridmap_access' when it changes, whoever changes it (the API on any node, psql),
-- so a node drops what it vouched for as soon as it hears. 'kind' says which facts: 'grids' (the unvisited
-- households of the grids in 'ids'), 'users' (the sessions and accounts of the users in 'ids') or 'all' (who may
-- see which grid: staff links, positions, grids' villages). No 'ids' means every one of that kind; a list is sent
-- only up to 500 ids, far below NOTIFY's 8,000-byte payload.
CREATE FUNCTION gridmap_access_announce(kind text, ids bigint[]) RETURNS void LANGUAGE sql AS $$
    SELECT pg_notify('gridmap_access', json_build_object(
        'kind', kind,
        'ids', CASE WHEN cardinality(ids) <= 500 THEN to_json(ids) END,
        'at', extract(epoch FROM clock_timestamp()))::text)
$$;

-- V30's numbering, now also announcing the grids it renumbered.
CREATE OR REPLACE FUNCTION unvisited_revise_visits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE grids bigint[];
BEGIN
    grids := ARRAY(SELECT DISTINCT h.grid_id FROM added a JOIN households h ON h.id = a.household_id
                   WHERE h.grid_id IS NOT NULL ORDER BY 1);
    INSERT INTO unvisited_revisions (grid_id, revision)
    SELECT g, nextval('unvisited_revision') FROM unnest(grids) g
    ON CONFLICT (grid_id) DO UPDATE SET revision = nextval('unvisited_revision');
    IF cardinality(grids) > 0 THEN
        PERFORM gridmap_access_announce('grids', grids);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION unvisited_revise_grids(grids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE revised bigint[];
BEGIN
    revised := ARRAY(SELECT DISTINCT g FROM unnest(grids) g WHERE g IS NOT NULL ORDER BY 1);
    INSERT INTO unvisited_revisions (grid_id, revision)
    SELECT g, nextval('unvisited_revision') FROM unnest(revised) g
    ON CONFLICT (grid_id) DO UPDATE SET revision = nextval('unvisited_revision');
    IF cardinality(revised) > 0 THEN
        PERFORM gridmap_access_announce('grids', revised);
    END IF;
END $$;

-- Sessions ended or changed (a logout, an expiry moved) and accounts changed (disabled, role, password).
CREATE FUNCTION gridmap_access_sessions_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_access_announce('users', ARRAY(SELECT DISTINCT user_id FROM gone))
    WHERE EXISTS (SELECT 1 FROM gone);
    RETURN NULL;
END $$;

CREATE FUNCTION gridmap_access_users_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_access_announce('users', ARRAY(SELECT DISTINCT id FROM gone))
    WHERE EXISTS (SELECT 1 FROM gone);
    RETURN NULL;
END $$;

CREATE TRIGGER sessions_access_update AFTER UPDATE ON sessions REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_sessions_gone();
CREATE TRIGGER sessions_access_delete AFTER DELETE ON sessions REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_sessions_gone();
CREATE TRIGGER users_access_update AFTER UPDATE ON users REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_users_gone();
CREATE TRIGGER users_access_delete AFTER DELETE ON users REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_users_gone();

-- A TRUNCATE names nobody: every session and account.
CREATE FUNCTION gridmap_access_everyone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_access_announce(TG_ARGV[0], NULL);
    RETURN NULL;
END $$;

CREATE TRIGGER sessions_access_truncate AFTER TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_everyone('users');
CREATE TRIGGER users_access_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_everyone('users');

-- Who may see which grid: a staff entry's account or grid, a position (a station's staff see their village), a
-- grid moved to another village, a service point moved to another grid (a point's position covers its grid).
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['staff', 'errand_positions'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_everyone(''all'')', t || '_access', t);
    END LOOP;
END $$;
CREATE TRIGGER grids_access AFTER UPDATE OF village_id OR DELETE OR TRUNCATE ON grids
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_everyone('all');
CREATE TRIGGER facilities_access AFTER UPDATE OF grid_id OR DELETE OR TRUNCATE ON facilities
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_access_everyone('all');
