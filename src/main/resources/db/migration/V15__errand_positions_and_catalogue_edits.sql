-- Staff at work on errands: positions at service points, grid hubs, village service stations and the center's
-- windows, and who supervises whom. And a catalogue admins edit: versions on windows, departments and items,
-- items retired rather than deleted once errands name them.

-- The kinds below are org.gridmap.errands.PositionKinds; a test holds this check to that list.
CREATE TABLE errand_positions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('point', 'grid', 'station', 'window')),
    -- who: an account, or a staff entry whose linked account acts (at least one of them)
    user_id     bigint REFERENCES users (id),
    staff_id    bigint REFERENCES staff (id) ON DELETE CASCADE,
    -- where: exactly the place its kind names
    facility_id bigint REFERENCES facilities (id) ON DELETE CASCADE,
    grid_id     bigint REFERENCES grids (id) ON DELETE CASCADE,
    village_id  bigint REFERENCES villages (id) ON DELETE CASCADE,
    town_id     bigint REFERENCES towns (id) ON DELETE CASCADE,
    window_code text REFERENCES errand_windows (code),
    -- the head of a grid hub, a station or a window supervises the errands below it
    head        boolean NOT NULL DEFAULT false,
    -- the public service card
    title       text,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    phone       text NOT NULL CHECK (phone ~ '[0-9]'),
    CONSTRAINT position_names_someone CHECK (user_id IS NOT NULL OR staff_id IS NOT NULL),
    CONSTRAINT position_place_fits_kind CHECK (
        (kind = 'point') = (facility_id IS NOT NULL)
        AND (kind = 'grid') = (grid_id IS NOT NULL)
        AND (kind = 'station') = (village_id IS NOT NULL)
        AND (kind = 'window') = (town_id IS NOT NULL AND window_code IS NOT NULL)
        AND (kind = 'window' OR window_code IS NULL)),
    CONSTRAINT position_point_has_no_head CHECK (NOT head OR kind <> 'point')
);
-- one head per hub, station and window of a town; one position per account and place
CREATE UNIQUE INDEX errand_positions_grid_head ON errand_positions (grid_id) WHERE kind = 'grid' AND head;
CREATE UNIQUE INDEX errand_positions_station_head ON errand_positions (village_id) WHERE kind = 'station' AND head;
CREATE UNIQUE INDEX errand_positions_window_head ON errand_positions (town_id, window_code) WHERE kind = 'window' AND head;
CREATE UNIQUE INDEX errand_positions_one_per_place ON errand_positions
    (coalesce(user_id, -1), coalesce(staff_id, -1), kind, coalesce(facility_id, grid_id, village_id, town_id), coalesce(window_code, ''));
CREATE INDEX errand_positions_user ON errand_positions (user_id);
CREATE INDEX errand_positions_staff ON errand_positions (staff_id);

-- A service point's position must be at a service point.
CREATE FUNCTION errand_position_at_point() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind = 'point' AND NOT EXISTS (SELECT 1 FROM facilities f WHERE f.id = NEW.facility_id AND f.level = 'point') THEN
        RAISE EXCEPTION 'facility % is not a service point', NEW.facility_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER errand_positions_at_point BEFORE INSERT OR UPDATE ON errand_positions
    FOR EACH ROW EXECUTE FUNCTION errand_position_at_point();

-- Every position with the account that acts in it and the grid, village and town it covers: supervision and
-- "mine" read this, whatever kind the position is.
CREATE VIEW errand_position_scopes AS
SELECT p.id, p.kind, p.head, coalesce(p.user_id, s.user_id) AS account_id, p.staff_id, p.window_code,
       coalesce(p.grid_id, f.grid_id) AS grid_id,
       coalesce(p.village_id, g.village_id) AS village_id,
       coalesce(p.town_id, v.town_id) AS town_id
FROM errand_positions p
LEFT JOIN staff s ON s.id = p.staff_id
LEFT JOIN facilities f ON f.id = p.facility_id
LEFT JOIN grids g ON g.id = coalesce(p.grid_id, f.grid_id)
LEFT JOIN villages v ON v.id = coalesce(p.village_id, g.village_id);

-- The catalogue: a version per entry (a stale edit is refused), and retirement instead of deletion.
ALTER TABLE errand_windows ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE errand_windows ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE errand_windows ADD COLUMN retired_at timestamptz;
ALTER TABLE errand_departments ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE errand_departments ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE errand_departments ADD COLUMN retired_at timestamptz;
ALTER TABLE errand_items ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE errand_items ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE errand_items ADD COLUMN retired_at timestamptz;

-- Whoever writes, an edit bumps the version; a code never changes (errands and positions name it).
CREATE FUNCTION errand_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.code <> OLD.code THEN
        RAISE EXCEPTION 'a catalogue code never changes (% → %)', OLD.code, NEW.code USING ERRCODE = 'check_violation';
    END IF;
    NEW.version := OLD.version + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER errand_windows_version BEFORE UPDATE ON errand_windows
    FOR EACH ROW EXECUTE FUNCTION errand_catalogue_version();
CREATE TRIGGER errand_departments_version BEFORE UPDATE ON errand_departments
    FOR EACH ROW EXECUTE FUNCTION errand_catalogue_version();
CREATE TRIGGER errand_items_version BEFORE UPDATE ON errand_items
    FOR EACH ROW EXECUTE FUNCTION errand_catalogue_version();
