-- Announcements carry when the announcing statement ran ('at', epoch seconds on the database's clock), so the
-- server can tell how far behind the database its caches are (the change feed's lag in /metrics).
CREATE OR REPLACE FUNCTION gridmap_announce(tbl text, op text, box box2d) RETURNS void LANGUAGE sql AS $$
    SELECT pg_notify('gridmap_change', json_build_object(
        'table', tbl, 'op', op,
        'bbox', CASE WHEN box IS NULL THEN NULL
                     ELSE json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)) END,
        'at', extract(epoch FROM clock_timestamp()))::text)
$$;
