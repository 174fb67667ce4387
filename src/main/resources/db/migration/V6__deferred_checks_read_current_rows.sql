-- A deferred constraint trigger fires once per row event, with NEW as it was at that event. An edit set that
-- updates a row twice in one transaction (a facility moved, then given its new grid) must be judged on the
-- row as it stands at commit, so the checks read the current row and skip rows deleted since.
CREATE OR REPLACE FUNCTION check_village_in_town() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v villages%ROWTYPE; t towns%ROWTYPE;
BEGIN
    SELECT * INTO v FROM villages WHERE id = NEW.id;
    IF NOT FOUND THEN RETURN NULL; END IF;
    SELECT * INTO t FROM towns WHERE id = v.town_id;
    IF NOT gridmap_covered(v.geom, t.geom) THEN
        RAISE EXCEPTION 'village % (%) extends outside town %', v.code, v.name, t.code
            USING ERRCODE = 'check_violation', HINT = 'village_outside_town';
    END IF;
    IF left(v.code, 9) <> left(t.code, 9) THEN
        RAISE EXCEPTION 'village code % does not start with its town''s 9-digit prefix %', v.code, left(t.code, 9)
            USING ERRCODE = 'check_violation', HINT = 'village_code_prefix';
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION check_grid_in_village() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g grids%ROWTYPE; v villages%ROWTYPE; other text;
BEGIN
    SELECT * INTO g FROM grids WHERE id = NEW.id;
    IF NOT FOUND THEN RETURN NULL; END IF;
    SELECT * INTO v FROM villages WHERE id = g.village_id;
    IF NOT gridmap_covered(g.geom, v.geom) THEN
        RAISE EXCEPTION 'grid % (%) extends outside its village % (%)', g.code, g.name, v.code, v.name
            USING ERRCODE = 'check_violation', HINT = 'grid_outside_village';
    END IF;
    SELECT o.code INTO other FROM grids o
     WHERE o.id <> g.id AND o.geom && g.geom AND ST_Area(ST_Intersection(o.geom, g.geom)) > 1e-12 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'grid % (%) overlaps grid %', g.code, g.name, other
            USING ERRCODE = 'check_violation', HINT = 'grid_overlap';
    END IF;
    IF left(g.code, 12) <> v.code THEN
        RAISE EXCEPTION 'grid code % must start with its village code %', g.code, v.code
            USING ERRCODE = 'check_violation', HINT = 'grid_code_prefix';
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION check_facility_in_unit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f facilities%ROWTYPE; unit_geom geometry; unit_code text;
BEGIN
    SELECT * INTO f FROM facilities WHERE id = NEW.id;
    IF NOT FOUND THEN RETURN NULL; END IF;
    IF f.grid_id IS NOT NULL THEN
        SELECT geom, code INTO unit_geom, unit_code FROM grids WHERE id = f.grid_id;
    ELSIF f.village_id IS NOT NULL THEN
        SELECT geom, code INTO unit_geom, unit_code FROM villages WHERE id = f.village_id;
    ELSE
        SELECT geom, code INTO unit_geom, unit_code FROM towns WHERE id = f.town_id;
    END IF;
    IF NOT ST_Covers(unit_geom, f.geom) THEN
        RAISE EXCEPTION 'facility % (%) lies outside its unit %', f.code, f.name, unit_code
            USING ERRCODE = 'check_violation', HINT = 'facility_outside_unit';
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION check_grid_keeps_facilities() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g grids%ROWTYPE; f record;
BEGIN
    SELECT * INTO g FROM grids WHERE id = NEW.id;
    IF NOT FOUND THEN RETURN NULL; END IF;
    SELECT fa.code, fa.name INTO f FROM facilities fa
     WHERE fa.grid_id = g.id AND NOT ST_Covers(g.geom, fa.geom) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'grid % no longer contains its facility % (%)', g.code, f.code, f.name
            USING ERRCODE = 'check_violation', HINT = 'facility_outside_unit';
    END IF;
    RETURN NULL;
END $$;
