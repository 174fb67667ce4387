-- Hazard lifecycle (issue 6): the threat zone as one SQL rule, the road closures it causes, the status
-- lifecycle, a version history of every change and an inspection log; grid staff linked to accounts.

-- The threat zone of a hazard is its geometry buffered by its radius, measured on the ellipsoid (geography),
-- so the rule holds for any town without choosing a projected CRS. The '&&' against an expanded box lets
-- the GiST index of the other table do the first cut; 110 km per degree (scaled by the cosine of the
-- latitude farthest from the equator) under-estimates a degree, so the box always holds the zone.
CREATE FUNCTION gridmap_hazard_reaches(hazard geometry, radius_m double precision, target geometry)
RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT target && ST_Expand(hazard, radius_m / (110000.0 * cos(radians(
                          least(89.0, greatest(abs(ST_YMin(hazard)), abs(ST_YMax(hazard))))))) + 1e-7)
       AND ST_DWithin(target::geography, hazard::geography, radius_m)
$$;

-- The zone as a polygon, for maps and intersections with areas (grids).
CREATE FUNCTION gridmap_hazard_zone(hazard geometry, radius_m double precision)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN radius_m <= 0 THEN hazard
                ELSE ST_Buffer(hazard::geography, radius_m, 'quad_segs=16')::geometry END
$$;

-- A hazard that blocks roads and is still open (reported, verified, monitoring) closes every road its
-- zone reaches. The routing engine reads this view after every load of the road network and after
-- every hazard change, so closures survive restarts and reloads.
CREATE VIEW hazard_road_closures AS
SELECT r.id AS road_id, h.id AS hazard_id
FROM hazards h
JOIN roads r ON gridmap_hazard_reaches(h.geom, h.radius_m, r.geom)
WHERE h.blocks_roads AND h.status IN ('reported', 'verified', 'monitoring');

-- The lifecycle: reported → verified → monitoring → mitigated → closed; a report may be closed at once
-- as a false alarm; any open hazard may be mitigated; a mitigated hazard may reactivate (monitoring).
-- closed is final. The application explains refusals; this trigger holds the rule for every client.
CREATE FUNCTION gridmap_hazard_next_statuses(status text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE status
        WHEN 'reported'   THEN ARRAY['verified', 'mitigated', 'closed']
        WHEN 'verified'   THEN ARRAY['monitoring', 'mitigated']
        WHEN 'monitoring' THEN ARRAY['mitigated']
        WHEN 'mitigated'  THEN ARRAY['closed', 'monitoring']
        ELSE ARRAY[]::text[] END
$$;

CREATE FUNCTION check_hazard_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status
       AND NOT NEW.status = ANY (gridmap_hazard_next_statuses(OLD.status)) THEN
        RAISE EXCEPTION 'hazard % cannot go from % to %', OLD.code, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', HINT = 'hazard_status_transition';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER hazard_status_change BEFORE UPDATE OF status ON hazards
    FOR EACH ROW EXECUTE FUNCTION check_hazard_status_change();

-- Every committed change bumps the version (optimistic locking) and the update time, whoever makes it.
CREATE FUNCTION bump_hazard_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.version := OLD.version + 1;
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER hazard_version BEFORE UPDATE ON hazards
    FOR EACH ROW EXECUTE FUNCTION bump_hazard_version();

-- The stored state of a hazard as JSON (geometry as GeoJSON), as history keeps it.
CREATE FUNCTION gridmap_hazard_state(h hazards) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('code', h.code, 'name', h.name, 'type', h.type, 'radius_m', h.radius_m,
        'status', h.status, 'blocks_roads', h.blocks_roads, 'grade', h.grade, 'description', h.description,
        'geometry', ST_AsGeoJSON(h.geom, 7)::jsonb, 'version', h.version)
$$;

-- One row per version of a hazard: who, when, what it was before and after. Written by a trigger so that
-- no change escapes it; the application names the person with
-- set_config('gridmap.user_id' / 'gridmap.username' / 'gridmap.action', ..., true) inside its transaction.
CREATE TABLE hazard_versions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hazard_id  bigint NOT NULL REFERENCES hazards (id) ON DELETE CASCADE,
    version    integer NOT NULL,
    action     text NOT NULL,
    user_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    username   text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    before     jsonb,
    after      jsonb NOT NULL,
    UNIQUE (hazard_id, version)
);

CREATE FUNCTION record_hazard_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hazard_versions (hazard_id, version, action, user_id, username, before, after)
    VALUES (NEW.id, NEW.version,
            coalesce(nullif(current_setting('gridmap.action', true), ''),
                     CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'update' END),
            nullif(current_setting('gridmap.user_id', true), '')::bigint,
            coalesce(nullif(current_setting('gridmap.username', true), ''), 'database:' || session_user),
            CASE WHEN TG_OP = 'UPDATE' THEN gridmap_hazard_state(OLD) END,
            gridmap_hazard_state(NEW));
    RETURN NULL;
END $$;
CREATE TRIGGER hazard_history_insert AFTER INSERT ON hazards
    FOR EACH ROW EXECUTE FUNCTION record_hazard_version();
CREATE TRIGGER hazard_history_update AFTER UPDATE ON hazards
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION record_hazard_version();

-- Hazards already in the database start their history here.
INSERT INTO hazard_versions (hazard_id, version, action, username, changed_at, before, after)
SELECT h.id, h.version, 'create', 'database:' || session_user, h.created_at, NULL, gridmap_hazard_state(h)
FROM hazards h;

-- The inspection log: who inspected, when, what they saw, and the status change it made, if any.
CREATE TABLE hazard_inspections (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hazard_id     bigint NOT NULL REFERENCES hazards (id) ON DELETE CASCADE,
    inspected_at  timestamptz NOT NULL DEFAULT now(),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    user_id       bigint REFERENCES users (id) ON DELETE SET NULL,
    username      text NOT NULL,
    observation   text NOT NULL CHECK (btrim(observation) <> ''),
    status_before text NOT NULL,
    status_after  text,
    CHECK (status_after IS NULL OR status_after <> status_before)
);
CREATE INDEX hazard_inspections_hazard ON hazard_inspections (hazard_id, inspected_at DESC, id DESC);
CREATE INDEX hazards_status ON hazards (status);

-- A staff entry may belong to an account (a monitor logs in and sees the hazards of their grids).
ALTER TABLE staff ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX staff_user ON staff (user_id) WHERE user_id IS NOT NULL;
