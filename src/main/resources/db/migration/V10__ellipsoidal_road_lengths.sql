-- Road lengths used to be measured on the mean sphere by the importer (up to 0.3 % off); the importer now measures
-- on the ellipsoid, as PostGIS geography does. Databases loaded before that get the same lengths here, so routes
-- measured by the engine agree with their drawn geometry everywhere. Rows already right are left alone (no
-- change notification, no rings refresh for them).
UPDATE roads SET length_m = ST_Length(geom::geography)
 WHERE abs(length_m - ST_Length(geom::geography)) > 0.01;
