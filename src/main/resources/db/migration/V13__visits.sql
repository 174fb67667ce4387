-- Monthly visits to every household (每月遍访): who went, when, what came of it, and where the phone was.

CREATE TABLE visits (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id       bigint NOT NULL REFERENCES households (id),
    user_id            bigint NOT NULL REFERENCES users (id),
    -- who and where at the time, as values rather than references: a staff entry may leave the directory and a
    -- grid may be merged away, and neither may rewrite (or be blocked by) the record of a visit. Completion
    -- counts by the household's grid of today, so a household moved by a grid edit follows its grid.
    staff_id           bigint,
    staff_name         text,
    grid_code          text NOT NULL,
    visited_at         timestamptz NOT NULL,
    outcome            text NOT NULL CHECK (outcome IN ('met', 'nobody_home', 'refused')),
    findings           text,
    notes              text,
    position           geometry(Point, 4326) NOT NULL,
    distance_m         double precision NOT NULL CHECK (distance_m >= 0),
    -- accepted but flagged: the phone was far from the household when the visit was recorded
    far_from_household boolean NOT NULL
);
-- where visits were recorded from, for the map and for checking positions by area
CREATE INDEX visits_position ON visits USING gist (position);
CREATE INDEX visits_household_time ON visits (household_id, visited_at);
CREATE INDEX visits_time ON visits (visited_at);

-- A visit is evidence of the work done: recorded once, never edited or removed.
CREATE TRIGGER visits_append_only BEFORE UPDATE OR DELETE ON visits
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- Household-level visit data is personal: every read of a grid's list is recorded, as for errands.
CREATE TABLE visit_data_reads (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id),
    grid_code  text NOT NULL,
    month      date NOT NULL,
    households integer NOT NULL CHECK (households >= 0),
    read_at    timestamptz NOT NULL,
    purpose    text NOT NULL
);
CREATE INDEX visit_data_reads_grid ON visit_data_reads (grid_code);
CREATE TRIGGER visit_data_reads_append_only BEFORE UPDATE OR DELETE ON visit_data_reads
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();
