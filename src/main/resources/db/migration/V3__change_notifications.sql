-- Every committed change to a mapped table is announced on channel 'gridmap_change' with the table and
-- the bounding box of the rows it touched (old and new shapes), one message per statement. The server
-- listens and drops exactly the cached tiles, extents and routing data inside that box — whoever wrote
-- the change (the API, the importer, or psql).
CREATE FUNCTION gridmap_announce(tbl text, op text, box box2d) RETURNS void LANGUAGE sql AS $$
    SELECT pg_notify('gridmap_change', json_build_object(
        'table', tbl, 'op', op,
        'bbox', CASE WHEN box IS NULL THEN NULL
                     ELSE json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)) END)::text)
$$;

CREATE FUNCTION gridmap_changed_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_announce(TG_TABLE_NAME, TG_OP, (SELECT ST_Extent(geom) FROM new_rows))
    WHERE EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION gridmap_changed_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_announce(TG_TABLE_NAME, TG_OP,
        (SELECT ST_Extent(g) FROM (SELECT geom AS g FROM new_rows UNION ALL SELECT geom FROM old_rows) u))
    WHERE EXISTS (SELECT 1 FROM new_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION gridmap_changed_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_announce(TG_TABLE_NAME, TG_OP, (SELECT ST_Extent(geom) FROM old_rows))
    WHERE EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['towns', 'villages', 'grids', 'facilities', 'roads', 'households', 'hazards'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_changed_insert()', t || '_announce_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_changed_update()', t || '_announce_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_changed_delete()', t || '_announce_delete', t);
    END LOOP;
END $$;

-- staff has no geometry; a change announces the grid(s) it belongs to
CREATE FUNCTION gridmap_staff_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_announce('staff', TG_OP, NULL);
    RETURN NULL;
END $$;
CREATE TRIGGER staff_announce AFTER INSERT OR UPDATE OR DELETE ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_staff_changed();
