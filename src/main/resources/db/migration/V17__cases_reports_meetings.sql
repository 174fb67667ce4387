-- What grid staff find on their visits becomes a case with an owner, a due date and a lifecycle; grid leaders
-- report to their village station every 3 days; stations meet weekly.

CREATE TABLE cases (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('opinion', 'dispute', 'safety', 'errand')),
    visit_id       bigint REFERENCES visits (id),
    household_id   bigint REFERENCES households (id),
    -- the grid that owns the case; a value, not a reference, as for visits: a grid merged away must not
    -- block or rewrite a case (its staff scope is then the admins')
    grid_id        bigint NOT NULL,
    grid_code      text NOT NULL,
    village_id     bigint NOT NULL REFERENCES villages (id),
    title          text NOT NULL CHECK (title <> ''),
    details        text,
    geological     boolean NOT NULL DEFAULT false,
    -- a dispute's parties: personal data, shown only in scope and every read logged
    parties        jsonb CHECK (parties IS NULL OR jsonb_typeof(parties) = 'array'),
    urgent         boolean NOT NULL DEFAULT false,
    owner_user_id  bigint REFERENCES users (id),
    owner_name     text NOT NULL,
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    outcome        text,
    opened_at      timestamptz NOT NULL,
    due_at         timestamptz NOT NULL CHECK (due_at > opened_at),
    resolved_at    timestamptz,
    closed_at      timestamptz,
    created_by     bigint NOT NULL REFERENCES users (id),
    hazard_id      bigint UNIQUE REFERENCES hazards (id),
    errand_id      bigint UNIQUE REFERENCES errands (id),
    position       geometry(Point, 4326) NOT NULL,
    version        bigint NOT NULL DEFAULT 1,
    -- one case of a kind per visit: a retried or doubled request finds the case made the first time
    UNIQUE (visit_id, kind),
    -- a dispute is resolved only with what came of the mediation
    CHECK (kind <> 'dispute' OR status IN ('open', 'in_progress') OR outcome IS NOT NULL),
    CHECK (geological = false OR kind = 'safety')
);
CREATE INDEX cases_grid_status ON cases (grid_id, status);
CREATE INDEX cases_village_opened ON cases (village_id, opened_at);
CREATE INDEX cases_position ON cases USING gist (position);

-- the other side of the links: a hazard or an errand knows the case it came from
ALTER TABLE hazards ADD COLUMN case_id bigint UNIQUE REFERENCES cases (id);
ALTER TABLE errands ADD COLUMN case_id bigint UNIQUE REFERENCES cases (id);

-- The lifecycle, whoever writes: open → in_progress → resolved → closed; open → resolved (settled on the spot);
-- resolved → in_progress (reopened: the resolution did not hold); closed is final. Every change bumps the version.
CREATE FUNCTION case_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'closed' THEN
        RAISE EXCEPTION 'a closed case is final';
    END IF;
    IF NEW.kind <> OLD.kind OR NEW.opened_at <> OLD.opened_at OR NEW.visit_id IS DISTINCT FROM OLD.visit_id THEN
        RAISE EXCEPTION 'a case keeps its kind, visit and opening time';
    END IF;
    IF NEW.status <> OLD.status AND NOT (OLD.status, NEW.status) IN (
            ('open', 'in_progress'), ('open', 'resolved'), ('in_progress', 'resolved'),
            ('resolved', 'closed'), ('resolved', 'in_progress')) THEN
        RAISE EXCEPTION 'a case may not go from % to %', OLD.status, NEW.status;
    END IF;
    IF NEW.status = 'resolved' AND OLD.status <> 'resolved' THEN NEW.resolved_at := coalesce(NEW.resolved_at, now()); END IF;
    IF NEW.status = 'in_progress' AND OLD.status = 'resolved' THEN NEW.resolved_at := NULL; END IF;
    IF NEW.status = 'closed' THEN NEW.closed_at := coalesce(NEW.closed_at, now()); END IF;
    NEW.version := OLD.version + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_lifecycle BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION case_lifecycle();

CREATE FUNCTION case_starts_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> 'open' THEN RAISE EXCEPTION 'a case starts open'; END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_start_open BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION case_starts_open();

-- What happened to a case: its opening, each change of status, each mediation step, notes. Append-only.
CREATE TABLE case_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       bigint NOT NULL REFERENCES cases (id),
    at            timestamptz NOT NULL,
    user_id       bigint NOT NULL REFERENCES users (id),
    username      text NOT NULL,
    action        text NOT NULL CHECK (action IN ('opened', 'status', 'mediation', 'note')),
    status_before text,
    status_after  text,
    text          text
);
CREATE INDEX case_history_case ON case_history (case_id, id);
CREATE TRIGGER case_history_append_only BEFORE UPDATE OR DELETE ON case_history
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- Reads of dispute parties (personal data), as visit_data_reads.
CREATE TABLE case_data_reads (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id   bigint NOT NULL REFERENCES users (id),
    case_id   bigint NOT NULL REFERENCES cases (id),
    read_at   timestamptz NOT NULL,
    purpose   text NOT NULL
);
CREATE TRIGGER case_data_reads_append_only BEFORE UPDATE OR DELETE ON case_data_reads
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- A grid leader's report on a 3-day period [period_start, period_start + 3 days) of the town's calendar; due before
-- day 4 starts. One regular report per grid and period; urgent reports may come at any time, as many as needed.
CREATE TABLE grid_reports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grid_id        bigint NOT NULL,
    grid_code      text NOT NULL,
    village_id     bigint NOT NULL REFERENCES villages (id),
    user_id        bigint NOT NULL REFERENCES users (id),
    staff_name     text NOT NULL,
    period_start   date NOT NULL,
    submitted_at   timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    late           boolean NOT NULL,
    urgent         boolean NOT NULL,
    visits_done    integer NOT NULL CHECK (visits_done >= 0),
    cases_opened   integer NOT NULL CHECK (cases_opened >= 0),
    cases_closed   integer NOT NULL CHECK (cases_closed >= 0),
    urgent_items   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(urgent_items) = 'array'),
    text           text,
    CHECK (late = (submitted_at >= due_at)),
    CHECK (NOT urgent OR jsonb_array_length(urgent_items) > 0)
);
CREATE UNIQUE INDEX grid_reports_one_per_period ON grid_reports (grid_id, period_start) WHERE NOT urgent;
CREATE INDEX grid_reports_village_period ON grid_reports (village_id, period_start);
CREATE TRIGGER grid_reports_append_only BEFORE UPDATE OR DELETE ON grid_reports
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- What the station was told: urgent reports at once (sent live to open station views as well).
CREATE TABLE station_notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id  bigint NOT NULL REFERENCES villages (id),
    kind        text NOT NULL CHECK (kind IN ('urgent_report')),
    report_id   bigint REFERENCES grid_reports (id),
    grid_code   text NOT NULL,
    at          timestamptz NOT NULL,
    summary     text NOT NULL
);
CREATE INDEX station_notifications_village ON station_notifications (village_id, at);
CREATE TRIGGER station_notifications_append_only BEFORE UPDATE OR DELETE ON station_notifications
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- A station's weekly meeting of its grid leaders.
CREATE TABLE station_meetings (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    village_id  bigint NOT NULL REFERENCES villages (id),
    held_on     date NOT NULL,
    recorded_by bigint NOT NULL REFERENCES users (id),
    recorded_at timestamptz NOT NULL,
    decisions   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(decisions) = 'array'),
    notes       text,
    UNIQUE (village_id, held_on)
);
CREATE TABLE meeting_attendance (
    meeting_id  bigint NOT NULL REFERENCES station_meetings (id),
    grid_code   text NOT NULL,
    staff_name  text NOT NULL,
    present     boolean NOT NULL,
    PRIMARY KEY (meeting_id, grid_code)
);
CREATE TABLE meeting_cases (
    meeting_id  bigint NOT NULL REFERENCES station_meetings (id),
    case_id     bigint NOT NULL REFERENCES cases (id),
    note        text,
    PRIMARY KEY (meeting_id, case_id)
);
