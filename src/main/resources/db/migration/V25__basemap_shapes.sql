-- The map's area layers (towns, villages, grids) and roads generalised ahead of the requests. A tile at zoom z drew
-- each of them as ST_Transform(ST_Simplify(geom, half a tile unit at z), 3857), computed from the full-resolution row
-- at every request: at low and middle zooms a tile covers many towns, and re-simplifying their boundaries and
-- thousands of road edges was most of its time. basemap_shapes holds exactly that expression per row and zoom, so a
-- tile reads its zoom's shapes by (layer, zoom, box) and draws the same features with the same geometry.
--
-- Zooms: every zoom up to gridmap_basemap_last_zoom(); above it a tile covers so little that it simplifies its few
-- rows itself. Grids only from zoom 11, roads only from the zoom their class is shown at (main 10, village 12, the rest 14, as the roads
-- layer's tile filter); the same expression on the same input, so tiles compare equal with and without this table.
--
-- Statement triggers keep it in step within the writing transaction, whoever writes (the API, the importer, psql),
-- as V21 does for the household density: no tile rendered after a commit can read an older shape, and the change
-- feed drops the cached tiles of the edit as for any other edit of these tables.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE FUNCTION gridmap_basemap_last_zoom() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT 13';

-- The first zoom a row is drawn at: grids from LayerCatalog.GRIDS_MIN_ZOOM (a tile below it omits them, so shapes
-- kept for lower zooms would be written on every edit and never read), roads by class; 0 otherwise.
CREATE FUNCTION gridmap_basemap_first_zoom(tbl text, road_class text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN tbl = 'grids' THEN 11
                WHEN tbl <> 'roads' THEN 0
                WHEN road_class = 'main' THEN 10
                WHEN road_class = 'village' THEN 12
                ELSE 14 END
$$;

-- Written as the tile statement writes it (FeatureSql.tileLayer), so that both give the same doubles.
CREATE FUNCTION gridmap_tile_shape(g geometry, z integer) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ST_Transform(ST_Simplify(g, 180.0 / (4096 * 2 ^ z)), 3857)
$$;

CREATE TABLE basemap_shapes (
    layer text     NOT NULL,
    id    bigint   NOT NULL,
    z     integer  NOT NULL,   -- as the tile's zoom is bound (an int), so that the index takes it
    geom  geometry(Geometry, 3857) NOT NULL,   -- tile space (Web Mercator), as ST_AsMVTGeom takes it; the rows' own are 4326
    PRIMARY KEY (layer, z, id)
);
CREATE INDEX basemap_shapes_tile ON basemap_shapes USING gist (layer, z, geom);

-- The shapes of the rows of `source` (a table or a transition table of `tbl`), for the zooms they are drawn at.
-- A shape simplified away (NULL or empty) is not kept: the tile would not have drawn it either.
CREATE FUNCTION gridmap_basemap_shapes_sql(tbl text, source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format($q$
    INSERT INTO basemap_shapes (layer, id, z, geom)
    SELECT %L, r.id, zz, s.g FROM %s r,
           generate_series(gridmap_basemap_first_zoom(%L, %s), gridmap_basemap_last_zoom()) zz,
           LATERAL (SELECT gridmap_tile_shape(r.geom, zz) AS g) s
    WHERE s.g IS NOT NULL AND NOT ST_IsEmpty(s.g)
    ORDER BY zz, r.id$q$,
    tbl, source, tbl, CASE WHEN tbl = 'roads' THEN 'r.class' ELSE 'NULL' END)
$$;

-- An update that changes no geometry (nor a road's class) keeps the shapes: a rename costs nothing here.
CREATE FUNCTION gridmap_basemap_shapes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text := format('(SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE o.geom IS DISTINCT FROM n.geom%s)',
                           CASE WHEN TG_TABLE_NAME = 'roads' THEN ' OR o.class IS DISTINCT FROM n.class' ELSE '' END);
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE gridmap_basemap_shapes_sql(TG_TABLE_NAME, 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE 'DELETE FROM basemap_shapes s USING old_rows o WHERE s.layer = $1 AND s.id = o.id' USING TG_TABLE_NAME;
    ELSE
        EXECUTE 'DELETE FROM basemap_shapes s USING ' || changed || ' c WHERE s.layer = $1 AND s.id = c.id'
            USING TG_TABLE_NAME;
        EXECUTE gridmap_basemap_shapes_sql(TG_TABLE_NAME, changed);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION gridmap_basemap_shapes_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM basemap_shapes WHERE layer = TG_TABLE_NAME;
    RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['towns', 'villages', 'grids', 'roads'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_basemap_shapes()', t || '_shapes_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_basemap_shapes()', t || '_shapes_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_basemap_shapes()', t || '_shapes_delete', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_basemap_shapes_truncated()', t || '_shapes_truncate', t);
        EXECUTE gridmap_basemap_shapes_sql(t, t);
    END LOOP;
END $$;
-- A tile reads one layer and zoom in one area: keep them together on disk (edits and imports add theirs in the same
-- order, by zoom then id).
CLUSTER basemap_shapes USING basemap_shapes_pkey;
ANALYZE basemap_shapes;
