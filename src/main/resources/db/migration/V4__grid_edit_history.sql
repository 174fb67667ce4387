-- Every committed grid edit set, with enough before/after state to show it and to revert it exactly.
CREATE TABLE edit_sets (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('edit', 'reshape', 'split', 'merge', 'move', 'import', 'revert')),
    message     text,
    user_id     bigint REFERENCES users (id),
    username    text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    reverts     bigint REFERENCES edit_sets (id),
    reverted_by bigint REFERENCES edit_sets (id),
    impact      jsonb
);

-- One row per grid the set touched. A NULL before_geom means the set created the grid; a NULL after_geom
-- means it removed it (a merge).
CREATE TABLE edit_grids (
    edit_id        bigint NOT NULL REFERENCES edit_sets (id),
    grid_id        bigint NOT NULL,
    code           text NOT NULL,
    name           text NOT NULL,
    kind           text NOT NULL,
    village_id     bigint NOT NULL,
    before_geom    geometry(MultiPolygon, 4326),
    after_geom     geometry(MultiPolygon, 4326),
    before_version integer,
    after_version  integer,
    PRIMARY KEY (edit_id, grid_id)
);
CREATE INDEX edit_grids_grid ON edit_grids (grid_id, edit_id);

-- Facilities whose place, grid, level or code the set changed.
CREATE TABLE edit_facilities (
    edit_id     bigint NOT NULL REFERENCES edit_sets (id),
    facility_id bigint NOT NULL,
    before      jsonb NOT NULL,
    after       jsonb NOT NULL,
    PRIMARY KEY (edit_id, facility_id)
);

-- Staff rows the set moved or removed (a merge), restored by a revert.
CREATE TABLE edit_staff (
    edit_id  bigint NOT NULL REFERENCES edit_sets (id),
    staff_id bigint NOT NULL,
    before   jsonb NOT NULL,
    after    jsonb,
    PRIMARY KEY (edit_id, staff_id)
);

-- "which edits changed anything here?" is a spatial question of the history too
CREATE INDEX edit_grids_before ON edit_grids USING gist (before_geom);
CREATE INDEX edit_grids_after ON edit_grids USING gist (after_geom);
