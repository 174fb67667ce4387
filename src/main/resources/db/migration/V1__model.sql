-- The whole model of the brief (§3): administrative units, facilities, roads, households, hazards,
-- staff, accounts. Geometry is stored in EPSG:4326; metric work reprojects at query time.
CREATE EXTENSION IF NOT EXISTS postgis;
-- pgRouting is the correctness oracle and benchmark baseline for the routing engine; optional at run time.
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') THEN
        CREATE EXTENSION IF NOT EXISTS pgrouting;
    END IF;
END $$;

CREATE TABLE towns (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12}$'),
    name       text NOT NULL CHECK (name <> ''),
    name_en    text,
    geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE villages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12}$'),
    town_id    bigint NOT NULL REFERENCES towns (id),
    name       text NOT NULL CHECK (name <> ''),
    name_en    text,
    kind       text NOT NULL CHECK (kind IN ('village', 'community')),
    geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE grids (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{15}$'),
    village_id bigint NOT NULL REFERENCES villages (id),
    name       text NOT NULL CHECK (name <> ''),
    kind       text NOT NULL CHECK (kind IN ('rural', 'park', 'community')),
    geom       geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    -- optimistic locking for boundary edits: every committed change bumps it
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE facilities (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12,15}[A-Z][0-9]*$'),
    level      text NOT NULL CHECK (level IN ('point', 'grid', 'station', 'center')),
    name       text NOT NULL CHECK (name <> ''),
    grid_id    bigint REFERENCES grids (id),
    village_id bigint REFERENCES villages (id),
    town_id    bigint REFERENCES towns (id),
    geom       geometry(Point, 4326) NOT NULL,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- each level hangs from the unit it serves (brief §3)
    CONSTRAINT facility_parent CHECK (
        (level IN ('point', 'grid') AND grid_id IS NOT NULL)
        OR (level = 'station' AND village_id IS NOT NULL)
        OR (level = 'center' AND town_id IS NOT NULL))
);
CREATE UNIQUE INDEX one_hub_per_grid ON facilities (grid_id) WHERE level = 'grid';
CREATE UNIQUE INDEX one_station_per_village ON facilities (village_id) WHERE level = 'station';
CREATE UNIQUE INDEX one_center_per_town ON facilities (town_id) WHERE level = 'center';

CREATE TABLE road_nodes (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    geom geometry(Point, 4326) NOT NULL
);

CREATE TABLE roads (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    class    text NOT NULL CHECK (class IN ('main', 'village', 'path', 'stairs')),
    name     text,
    -- forward = travel only from source to target for vehicles; walking ignores it
    oneway   boolean NOT NULL DEFAULT false,
    walk_kmh double precision CHECK (walk_kmh > 0),  -- overrides the ring policy's speed for its class
    length_m double precision NOT NULL CHECK (length_m > 0),
    source   bigint REFERENCES road_nodes (id),
    target   bigint REFERENCES road_nodes (id),
    geom     geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom) AND ST_NPoints(geom) >= 2),
    version  integer NOT NULL DEFAULT 1
);

CREATE TABLE households (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    members integer NOT NULL CHECK (members BETWEEN 1 AND 50),
    grid_id bigint REFERENCES grids (id),
    geom    geometry(Point, 4326) NOT NULL
);

CREATE TABLE hazards (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL UNIQUE,
    name         text NOT NULL CHECK (name <> ''),
    type         text NOT NULL CHECK (type IN ('collapse', 'landslide', 'debris_flow', 'ground_collapse',
                                               'ground_fissure', 'subsidence')),
    radius_m     double precision NOT NULL CHECK (radius_m >= 0 AND radius_m <= 5000),
    status       text NOT NULL DEFAULT 'reported'
                 CHECK (status IN ('reported', 'verified', 'monitoring', 'mitigated', 'closed')),
    blocks_roads boolean NOT NULL DEFAULT false,
    grade        text CHECK (grade IN ('small', 'medium', 'large', 'huge')),
    description  text,
    geom         geometry(Geometry, 4326) NOT NULL
                 CHECK (ST_IsValid(geom) AND GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON')),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grid_id bigint NOT NULL REFERENCES grids (id) ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('grid_leader', 'coordinator', 'volunteer', 'liaison', 'police',
                                          'caring_mother', 'resident_rep', 'hazard_monitor')),
    name    text NOT NULL CHECK (name <> ''),
    phone   text,
    duties  text
);
-- the five standing roles are one person each per grid; special roles may repeat
CREATE UNIQUE INDEX one_person_per_core_role ON staff (grid_id, role)
    WHERE role IN ('grid_leader', 'coordinator', 'volunteer', 'liaison', 'police');

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{2,64}$'),
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'planner', 'monitor', 'staff')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled      boolean NOT NULL DEFAULT false
);

CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE INDEX towns_geom ON towns USING gist (geom);
CREATE INDEX villages_geom ON villages USING gist (geom);
CREATE INDEX villages_town ON villages (town_id);
CREATE INDEX grids_geom ON grids USING gist (geom);
CREATE INDEX grids_village ON grids (village_id);
CREATE INDEX facilities_geom ON facilities USING gist (geom);
CREATE INDEX facilities_level ON facilities (level);
CREATE INDEX road_nodes_geom ON road_nodes USING gist (geom);
-- one node per location on a 1e-7° (≈1 cm) lattice: road ends that meet there share it
CREATE UNIQUE INDEX road_nodes_location ON road_nodes
    ((round(ST_X(geom) * 1e7)::bigint), (round(ST_Y(geom) * 1e7)::bigint));
CREATE INDEX roads_geom ON roads USING gist (geom);
CREATE INDEX roads_source ON roads (source);
CREATE INDEX roads_target ON roads (target);
CREATE INDEX households_geom ON households USING gist (geom);
CREATE INDEX households_grid ON households (grid_id);
CREATE INDEX hazards_geom ON hazards USING gist (geom);
CREATE INDEX staff_grid ON staff (grid_id);
