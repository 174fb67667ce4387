-- Give every road without topology its source and target node: road ends within the same 1e-7°
-- lattice cell share one node. Runs inside the import transaction, on the roads written by it (ids above the
-- last one before its COPY, which the importer puts in), so a town of a large city reads its own roads only.
INSERT INTO road_nodes (geom)
SELECT ST_SetSRID(ST_MakePoint(kx / 1e7, ky / 1e7), 4326)
FROM (
    SELECT round(ST_X(ST_StartPoint(geom)) * 1e7)::bigint AS kx, round(ST_Y(ST_StartPoint(geom)) * 1e7)::bigint AS ky
    FROM roads WHERE source IS NULL AND id > :last_old_road
    UNION
    SELECT round(ST_X(ST_EndPoint(geom)) * 1e7)::bigint, round(ST_Y(ST_EndPoint(geom)) * 1e7)::bigint
    FROM roads WHERE target IS NULL AND id > :last_old_road
) ends
ON CONFLICT DO NOTHING;

UPDATE roads r SET source = n.id
FROM road_nodes n
WHERE r.source IS NULL AND r.id > :last_old_road
  AND round(ST_X(n.geom) * 1e7)::bigint = round(ST_X(ST_StartPoint(r.geom)) * 1e7)::bigint
  AND round(ST_Y(n.geom) * 1e7)::bigint = round(ST_Y(ST_StartPoint(r.geom)) * 1e7)::bigint;

UPDATE roads r SET target = n.id
FROM road_nodes n
WHERE r.target IS NULL AND r.id > :last_old_road
  AND round(ST_X(n.geom) * 1e7)::bigint = round(ST_X(ST_EndPoint(r.geom)) * 1e7)::bigint
  AND round(ST_Y(n.geom) * 1e7)::bigint = round(ST_Y(ST_EndPoint(r.geom)) * 1e7)::bigint;
