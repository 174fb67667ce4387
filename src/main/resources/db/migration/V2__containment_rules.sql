-- Containment rules the database enforces itself, so no client (importer, editor, psql user) can
-- break them. They are DEFERRABLE INITIALLY DEFERRED constraint triggers: an edit set that moves a
-- boundary and a facility together is checked once, at commit, on the final state.

-- Sub-centimetre slivers from floating-point noding must not count as "outside" (1e-12 deg² ≈ 0.01 m²).
CREATE FUNCTION gridmap_covered(inner_geom geometry, outer_geom geometry) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ST_CoveredBy(inner_geom, outer_geom)
        OR ST_Area(ST_Difference(inner_geom, outer_geom)) < 1e-12
$$;

CREATE FUNCTION check_village_in_town() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t towns%ROWTYPE;
BEGIN
    SELECT * INTO t FROM towns WHERE id = NEW.town_id;
    IF NOT gridmap_covered(NEW.geom, t.geom) THEN
        RAISE EXCEPTION 'village % (%) extends outside town %', NEW.code, NEW.name, t.code
            USING ERRCODE = 'check_violation', HINT = 'village_outside_town';
    END IF;
    IF left(NEW.code, 9) <> left(t.code, 9) THEN
        RAISE EXCEPTION 'village code % does not start with its town''s 9-digit prefix %', NEW.code, left(t.code, 9)
            USING ERRCODE = 'check_violation', HINT = 'village_code_prefix';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER village_in_town AFTER INSERT OR UPDATE OF geom, town_id, code ON villages
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_village_in_town();

CREATE FUNCTION check_grid_in_village() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v villages%ROWTYPE;
BEGIN
    SELECT * INTO v FROM villages WHERE id = NEW.village_id;
    IF NOT gridmap_covered(NEW.geom, v.geom) THEN
        RAISE EXCEPTION 'grid % (%) extends outside its village % (%)', NEW.code, NEW.name, v.code, v.name
            USING ERRCODE = 'check_violation', HINT = 'grid_outside_village';
    END IF;
    IF EXISTS (SELECT 1 FROM grids o
                WHERE o.id <> NEW.id AND o.geom && NEW.geom
                  AND ST_Area(ST_Intersection(o.geom, NEW.geom)) > 1e-12) THEN
        RAISE EXCEPTION 'grid % (%) overlaps grid %', NEW.code, NEW.name,
            (SELECT o.code FROM grids o WHERE o.id <> NEW.id AND o.geom && NEW.geom
                AND ST_Area(ST_Intersection(o.geom, NEW.geom)) > 1e-12 LIMIT 1)
            USING ERRCODE = 'check_violation', HINT = 'grid_overlap';
    END IF;
    IF left(NEW.code, 12) <> v.code THEN
        RAISE EXCEPTION 'grid code % must start with its village code %', NEW.code, v.code
            USING ERRCODE = 'check_violation', HINT = 'grid_code_prefix';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER grid_in_village AFTER INSERT OR UPDATE OF geom, village_id, code ON grids
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_grid_in_village();

CREATE FUNCTION check_facility_in_unit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE unit_geom geometry; unit_code text;
BEGIN
    IF NEW.grid_id IS NOT NULL THEN
        SELECT geom, code INTO unit_geom, unit_code FROM grids WHERE id = NEW.grid_id;
    ELSIF NEW.village_id IS NOT NULL THEN
        SELECT geom, code INTO unit_geom, unit_code FROM villages WHERE id = NEW.village_id;
    ELSE
        SELECT geom, code INTO unit_geom, unit_code FROM towns WHERE id = NEW.town_id;
    END IF;
    IF NOT ST_Covers(unit_geom, NEW.geom) THEN
        RAISE EXCEPTION 'facility % (%) lies outside its unit %', NEW.code, NEW.name, unit_code
            USING ERRCODE = 'check_violation', HINT = 'facility_outside_unit';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER facility_in_unit AFTER INSERT OR UPDATE OF geom, grid_id, village_id, town_id ON facilities
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_facility_in_unit();

-- A grid edit must not leave a facility behind: re-check the facilities of a grid whose shape changed.
CREATE FUNCTION check_grid_keeps_facilities() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f record;
BEGIN
    SELECT fa.code, fa.name INTO f FROM facilities fa
     WHERE fa.grid_id = NEW.id AND NOT ST_Covers(NEW.geom, fa.geom) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'grid % no longer contains its facility % (%)', NEW.code, f.code, f.name
            USING ERRCODE = 'check_violation', HINT = 'facility_outside_unit';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER grid_keeps_facilities AFTER UPDATE OF geom ON grids
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_grid_keeps_facilities();
