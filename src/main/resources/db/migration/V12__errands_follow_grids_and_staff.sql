-- Errands and their hand-offs point at grids and staff entries, which planners and staff edit: a merge removes a
-- grid (its errands move to the grid that absorbs it), a staff entry may leave the directory (ON DELETE SET NULL).
-- Those reference changes must not be refused as changes to the errand's history, whatever its stage.

CREATE OR REPLACE FUNCTION errand_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    from_rank integer := errand_stage_rank(OLD.stage);
    to_rank   integer := errand_stage_rank(NEW.stage);
BEGIN
    -- where an errand belongs (its grid, the staff entry holding it) follows the map and the directory: a grid
    -- merged into another or a staff entry removed may change these on any errand, closed ones included
    IF (to_jsonb(NEW) - 'grid_id' - 'holder_staff_id') = (to_jsonb(OLD) - 'grid_id' - 'holder_staff_id') THEN
        RETURN NEW;
    END IF;
    IF OLD.stage = 'closed' THEN
        RAISE EXCEPTION 'errand % is closed and can no longer change', OLD.number USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.number <> OLD.number OR NEW.item_code <> OLD.item_code OR NEW.filed_at <> OLD.filed_at THEN
        RAISE EXCEPTION 'an errand''s number, item and filing time never change' USING ERRCODE = 'check_violation';
    END IF;
    IF to_rank = from_rank THEN RETURN NEW; END IF;
    IF to_rank < from_rank THEN
        RAISE EXCEPTION 'errand % cannot go back from % to %', OLD.number, OLD.stage, NEW.stage USING ERRCODE = 'check_violation';
    END IF;
    IF to_rank > from_rank + 1 AND NOT (NEW.urgent AND to_rank <= errand_stage_rank('department')) THEN
        RAISE EXCEPTION 'errand % cannot skip from % to %: only urgent errands skip levels, and only up to the department',
            OLD.number, OLD.stage, NEW.stage USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION errand_handoff_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    e errands%ROWTYPE;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- a receiver's staff entry leaving the directory (ON DELETE SET NULL) keeps the hand-off as it was:
        -- the account that confirmed it stays named
        IF (to_jsonb(NEW) - 'to_staff_id') = (to_jsonb(OLD) - 'to_staff_id') AND NEW.to_staff_id IS NULL THEN
            RETURN NEW;
        END IF;
        IF OLD.confirmed_at IS NOT NULL THEN
            RAISE EXCEPTION 'hand-off % is already confirmed', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.errand_id, NEW.to_stage, NEW.to_user_id, NEW.sent_at, NEW.due_at, NEW.receiver_due_at)
            IS DISTINCT FROM (OLD.errand_id, OLD.to_stage, OLD.to_user_id, OLD.sent_at, OLD.due_at, OLD.receiver_due_at) THEN
            RAISE EXCEPTION 'a hand-off''s sender, receiver and times never change' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO e FROM errands WHERE id = NEW.errand_id;
    IF NEW.from_stage <> e.stage THEN
        RAISE EXCEPTION 'errand % is at %, not %', e.number, e.stage, NEW.from_stage USING ERRCODE = 'check_violation';
    END IF;
    IF errand_stage_rank(NEW.to_stage) <= errand_stage_rank(e.stage) THEN
        RAISE EXCEPTION 'errand % is at % and cannot be handed back to %', e.number, e.stage, NEW.to_stage
            USING ERRCODE = 'check_violation';
    END IF;
    IF errand_stage_rank(NEW.to_stage) > errand_stage_rank(e.stage) + 1
       AND NOT (e.urgent AND coalesce(btrim(NEW.skip_reason), '') <> '') THEN
        RAISE EXCEPTION 'errand % cannot skip from % to %: only an urgent errand skips a level, with a reason',
            e.number, e.stage, NEW.to_stage USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
