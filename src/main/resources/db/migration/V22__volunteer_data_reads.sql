-- A volunteer's phone and full name are personal data, like a resident's: every read of a volunteer's whole entry
-- is logged (who, when, which volunteer), as errands, visits and cases log theirs. Append-only; no foreign key to
-- the volunteer, so the log outlives an entry that is deleted.
CREATE TABLE volunteer_data_reads (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id),
    volunteer_id  bigint NOT NULL,
    read_at       timestamptz NOT NULL DEFAULT now(),
    purpose       text NOT NULL
);
CREATE INDEX volunteer_data_reads_volunteer ON volunteer_data_reads (volunteer_id);
CREATE TRIGGER volunteer_data_reads_append_only BEFORE UPDATE OR DELETE ON volunteer_data_reads
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();
