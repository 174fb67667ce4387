-- The networks around the grids: party-member service posts at service points (党员服务岗), volunteers and the
-- skills they offer (爱心网), and firms of industrial-park grids with their job and training offers (就业网).
-- The word lists (skills, offer kinds) are defined in org.gridmap.networks.NetworkWords; a test checks that the
-- lists these CHECKs hold are the same.

CREATE TABLE party_posts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- a post belongs to its service point: a point that goes takes its posts along
    facility_id bigint NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    party_group text NOT NULL CHECK (length(party_group) BETWEEN 1 AND 100),
    -- the name on the post's public card (given name and surname initial), never a full name or a phone
    member_name text NOT NULL CHECK (length(member_name) BETWEEN 1 AND 40),
    duties      text CHECK (length(duties) <= 1000),
    hours       text CHECK (length(hours) <= 100),
    version     bigint NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX party_posts_facility ON party_posts (facility_id);

CREATE TABLE volunteers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- where the volunteer serves and where villagers contact them; walking times are to this point
    facility_id bigint NOT NULL REFERENCES facilities (id),
    surname     text NOT NULL CHECK (length(surname) BETWEEN 1 AND 20),
    given_name  text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 20),
    -- personal: only the staff of the volunteer's grid (and admins) read it
    phone       text CHECK (phone ~ '^[0-9+() -]{5,20}$'),
    skills      text[] NOT NULL CHECK (cardinality(skills) BETWEEN 1 AND 10 AND skills <@ ARRAY[
                    'medical_check', 'tailoring', 'physiotherapy', 'planting', 'haircut', 'appliance_repair',
                    'tutoring', 'elder_care', 'legal_advice']::text[]),
    -- the volunteer agreed that the public card shows their given name and surname initial
    public_name boolean NOT NULL DEFAULT false,
    version     bigint NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteers_facility ON volunteers (facility_id);
CREATE INDEX volunteers_skills ON volunteers USING gin (skills);

CREATE TABLE firms (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    industry   text CHECK (length(industry) <= 100),
    -- the firm's office line, published with its offers (not a person's phone)
    phone      text CHECK (phone ~ '^[0-9+() -]{5,20}$'),
    -- the grid is where the firm stands (an industrial-park grid), found by place: a grid edit cannot leave it stale
    geom       geometry(Point, 4326) NOT NULL,
    version    bigint NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX firms_geom ON firms USING gist (geom);

CREATE TABLE firm_offers (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    firm_id  bigint NOT NULL REFERENCES firms (id) ON DELETE CASCADE,
    kind     text NOT NULL CHECK (kind IN ('job', 'training')),
    title    text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    openings integer NOT NULL CHECK (openings BETWEEN 1 AND 10000),
    details  text CHECK (length(details) <= 2000),
    until    date
);
CREATE INDEX firm_offers_firm ON firm_offers (firm_id);

-- The map's tiles and the nearest-volunteer index follow these tables: firms announce their box like every mapped
-- table; posts and volunteers stand at their service point and announce without a box (every cached tile of their
-- own small layer is dropped).
DO $$
BEGIN
    EXECUTE 'CREATE TRIGGER firms_announce_insert AFTER INSERT ON firms REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_changed_insert()';
    EXECUTE 'CREATE TRIGGER firms_announce_update AFTER UPDATE ON firms REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_changed_update()';
    EXECUTE 'CREATE TRIGGER firms_announce_delete AFTER DELETE ON firms REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION gridmap_changed_delete()';
END $$;

CREATE FUNCTION gridmap_network_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM gridmap_announce(TG_TABLE_NAME, TG_OP, NULL);
    RETURN NULL;
END $$;
CREATE TRIGGER party_posts_announce AFTER INSERT OR UPDATE OR DELETE ON party_posts
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_network_changed();
CREATE TRIGGER volunteers_announce AFTER INSERT OR UPDATE OR DELETE ON volunteers
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_network_changed();
-- an offer changes the firm's counts on the map
CREATE TRIGGER firm_offers_announce AFTER INSERT OR UPDATE OR DELETE ON firm_offers
    FOR EACH STATEMENT EXECUTE FUNCTION gridmap_network_changed();
