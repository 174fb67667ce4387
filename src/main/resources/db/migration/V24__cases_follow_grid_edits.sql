-- A case belongs to the grid of the household it was found at (or, without a household, of the place it lies at).
-- A grid edit that moves the household into another grid moves the case with it, in the edit's transaction,
-- whoever writes: the case's grid, grid code and village follow, so the staff scope (which reads cases.grid_id)
-- follows too, and a case still being worked on gets the new grid's leader as its owner (when linked to an
-- account), as a new case there would.

CREATE INDEX cases_household ON cases (household_id) WHERE household_id IS NOT NULL;

-- Where a case belongs (grid, village, owner) follows the map, closed cases included: that is no step of its
-- lifecycle, so an update that changes only those columns neither meets the lifecycle's rules (V17's
-- case_lifecycle, unchanged) nor bumps the version a client holds for its next step.
DROP TRIGGER cases_lifecycle ON cases;
CREATE TRIGGER cases_lifecycle BEFORE UPDATE ON cases FOR EACH ROW
    WHEN ((to_jsonb(NEW) - 'grid_id' - 'grid_code' - 'village_id' - 'owner_user_id' - 'owner_name')
          IS DISTINCT FROM (to_jsonb(OLD) - 'grid_id' - 'grid_code' - 'village_id' - 'owner_user_id' - 'owner_name'))
    EXECUTE FUNCTION case_lifecycle();

-- Moves the cases to their grids (pairs: case, grid). The one place that says what moving a case means; the
-- household trigger and the grid editor (for cases without a household) both call it.
CREATE FUNCTION cases_follow(case_ids bigint[], grid_ids bigint[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    UPDATE cases k SET grid_id = g.id, grid_code = g.code, village_id = g.village_id,
           owner_user_id = CASE WHEN k.status <> 'closed' AND l.user_id IS NOT NULL THEN l.user_id ELSE k.owner_user_id END,
           owner_name = CASE WHEN k.status <> 'closed' AND l.user_id IS NOT NULL THEN l.name ELSE k.owner_name END
    FROM unnest(case_ids, grid_ids) AS m (case_id, grid_id)
         JOIN grids g ON g.id = m.grid_id
         LEFT JOIN LATERAL (SELECT s.user_id, s.name FROM staff s
                            WHERE s.grid_id = g.id AND s.role = 'grid_leader' AND s.user_id IS NOT NULL
                            ORDER BY s.id LIMIT 1) l ON true
    WHERE k.id = m.case_id AND k.grid_id <> g.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;

-- Households moved to another grid (by a grid edit, whatever statement does it) take their cases along.
CREATE FUNCTION cases_follow_households() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
    grids bigint[];
BEGIN
    SELECT array_agg(k.id), array_agg(n.grid_id) INTO ids, grids
    FROM gone o JOIN came n ON n.id = o.id JOIN cases k ON k.household_id = n.id
    WHERE o.grid_id IS DISTINCT FROM n.grid_id AND n.grid_id IS NOT NULL;
    IF ids IS NOT NULL THEN PERFORM cases_follow(ids, grids); END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER households_move_cases AFTER UPDATE ON households
    REFERENCING OLD TABLE AS gone NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION cases_follow_households();
