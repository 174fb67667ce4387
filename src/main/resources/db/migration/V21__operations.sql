-- Announcements carry when the announcing statement ran ('at', epoch seconds on the database's clock), so the
-- server can tell how far behind the database its caches are (the change feed's lag in /metrics).
CREATE OR REPLACE FUNCTION gridmap_announce(tbl text, op text, box box2d) RETURNS void LANGUAGE sql AS $$
    SELECT pg_notify('gridmap_change', json_build_object(
        'table', tbl, 'op', op,
        'bbox', CASE WHEN box IS NULL THEN NULL
                     ELSE json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)) END,
        'at', extract(epoch FROM clock_timestamp()))::text)
$$;

-- Household density for the basemap, aggregated ahead of the requests. Per zoom 0..14 (the zooms that show density),
-- the Web Mercator plane is cut into cells of 1/64 of a tile; a cell holds its households, their members and the
-- sum of their coordinates (the dot is drawn at their centroid). Cells never straddle tiles, so a tile reads exactly
-- its cells by key (z, tx, ty). Statement triggers on households keep it in step within the writing transaction,
-- whoever writes (the API, the importer, psql): no reader can see a density older than the rows, no two servers
-- race to rebuild it, and the change feed drops the cached tiles as for any other household change.
CREATE TABLE household_density (
    z          smallint         NOT NULL,
    tx         integer          NOT NULL,
    ty         integer          NOT NULL,
    cx         bigint           NOT NULL,
    cy         bigint           NOT NULL,
    households integer          NOT NULL,
    members    bigint           NOT NULL,
    sum_x      double precision NOT NULL,
    sum_y      double precision NOT NULL,
    PRIMARY KEY (z, tx, ty, cx, cy)
);

-- The cell of a household at every density zoom: tile (tx, ty, numbered from the top left as tiles are), cell (cx, cy,
-- floor of the EPSG:3857 coordinate over the cell size), and the household's EPSG:3857 coordinates.
CREATE FUNCTION gridmap_density_cells(g geometry, m integer)
    RETURNS TABLE (z smallint, tx integer, ty integer, cx bigint, cy bigint, x double precision, y double precision, members integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT zz::smallint,
           floor(((c.cx + 0.5) * k.s + 20037508.342789244) / (k.s * 64))::integer,
           floor((20037508.342789244 - (c.cy + 0.5) * k.s) / (k.s * 64))::integer,
           c.cx, c.cy, p.x, p.y, m
    FROM (SELECT ST_X(t) AS x, ST_Y(t) AS y FROM ST_Transform(g, 3857) t) p,
         generate_series(0, 14) zz,
         LATERAL (SELECT 40075016.685578488 / (2 ^ (zz + 6)) AS s) k,
         LATERAL (SELECT floor(p.x / k.s)::bigint AS cx, floor(p.y / k.s)::bigint AS cy) c
$$;

INSERT INTO household_density (z, tx, ty, cx, cy, households, members, sum_x, sum_y)
SELECT c.z, c.tx, c.ty, c.cx, c.cy, count(*), sum(c.members), sum(c.x), sum(c.y)
FROM households h, gridmap_density_cells(h.geom, h.members) c
GROUP BY 1, 2, 3, 4, 5;

-- Adds (sign 1) or takes away (sign -1) the households of a transition table; cells left empty are removed. Cells
-- are written in key order, so concurrent writers lock them in one order and cannot deadlock. A text template, run
-- by EXECUTE inside the trigger function, since only the trigger function itself sees its transition tables.
CREATE FUNCTION gridmap_density_sql(source text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format($q$
    WITH cells AS (
        SELECT c.z, c.tx, c.ty, c.cx, c.cy, count(*) AS n, sum(c.members) AS m, sum(c.x) AS sx, sum(c.y) AS sy
        FROM %s h, gridmap_density_cells(h.geom, h.members) c
        GROUP BY 1, 2, 3, 4, 5
        ORDER BY 1, 2, 3, 4, 5),
    written AS (
        INSERT INTO household_density AS d (z, tx, ty, cx, cy, households, members, sum_x, sum_y)
        SELECT z, tx, ty, cx, cy, %s * n, %s * m, %s * sx, %s * sy FROM cells
        ON CONFLICT (z, tx, ty, cx, cy) DO UPDATE SET
            households = d.households + EXCLUDED.households, members = d.members + EXCLUDED.members,
            sum_x = d.sum_x + EXCLUDED.sum_x, sum_y = d.sum_y + EXCLUDED.sum_y
        RETURNING d.z, d.tx, d.ty, d.cx, d.cy, d.households)
    DELETE FROM household_density d USING written w
    WHERE w.households <= 0 AND (d.z, d.tx, d.ty, d.cx, d.cy) = (w.z, w.tx, w.ty, w.cx, w.cy)$q$,
    source, sign, sign, sign, sign)
$$;

-- An update that moves no household and changes no member count (a grid edit re-assigning households) leaves the
-- density as it is.
CREATE FUNCTION gridmap_households_density() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE gridmap_density_sql('new_rows', 1);
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE gridmap_density_sql('old_rows', -1);
    ELSE
        EXECUTE gridmap_density_sql('(SELECT o.* FROM old_rows o JOIN new_rows n USING (id) '
            || 'WHERE (o.geom, o.members) IS DISTINCT FROM (n.geom, n.members))', -1);
        EXECUTE gridmap_density_sql('(SELECT n.* FROM old_rows o JOIN new_rows n USING (id) '
            || 'WHERE (o.geom, o.members) IS DISTINCT FROM (n.geom, n.members))', 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER households_density_insert AFTER INSERT ON households REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_households_density();
CREATE TRIGGER households_density_update AFTER UPDATE ON households REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_households_density();
CREATE TRIGGER households_density_delete AFTER DELETE ON households REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_households_density();

CREATE FUNCTION gridmap_households_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE household_density;
    RETURN NULL;
END $$;
CREATE TRIGGER households_density_truncate AFTER TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_households_truncated();
