-- "112" errands (brief §8): a catalogue of what the one-stop center handles, errands that travel
-- point → grid leader → station → department and back, two-sided hand-offs, an append-only,
-- hash-chained history, and a log of every read of a resident's personal data.

-- Records that are evidence are never edited or removed, whoever asks.
CREATE FUNCTION errand_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;

CREATE TABLE errand_windows (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,32}$'),
    name     text NOT NULL CHECK (name <> ''),
    name_en  text NOT NULL,
    position integer NOT NULL UNIQUE
);

CREATE TABLE errand_departments (
    code    text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,32}$'),
    name    text NOT NULL CHECK (name <> ''),
    name_en text NOT NULL
);

CREATE TABLE errand_items (
    code            text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]{2,40}$'),
    name            text NOT NULL CHECK (name <> ''),
    name_en         text NOT NULL,
    window_code     text NOT NULL REFERENCES errand_windows (code),
    department_code text NOT NULL REFERENCES errand_departments (code),
    -- the legal time the department has once the errand reaches it
    processing_days integer NOT NULL CHECK (processing_days BETWEEN 0 AND 90),
    documents       text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE errands (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- public, but not guessable: E + filing date + 10 random base32 characters (50 bits)
    number          text NOT NULL UNIQUE CHECK (number ~ '^E[0-9]{8}[A-Z2-7]{10}$'),
    item_code       text NOT NULL REFERENCES errand_items (code),
    grid_id         bigint NOT NULL REFERENCES grids (id),
    facility_id     bigint REFERENCES facilities (id),
    channel         text NOT NULL CHECK (channel IN ('point', 'phone', 'online')),
    resident_name   text NOT NULL CHECK (resident_name <> ''),
    resident_phone  text NOT NULL CHECK (resident_phone ~ '[0-9]{4}$'),
    household_id    bigint REFERENCES households (id),
    -- the resident's own words (personal: shown only with the name and phone)
    note            text,
    stage           text NOT NULL DEFAULT 'filed'
                    CHECK (stage IN ('filed', 'grid', 'station', 'department', 'result_ready', 'returned', 'closed')),
    urgent          boolean NOT NULL DEFAULT false,
    urgent_reason   text,
    filed_at        timestamptz NOT NULL,
    filed_by        bigint REFERENCES users (id),
    holder_user_id  bigint REFERENCES users (id),
    holder_staff_id bigint REFERENCES staff (id) ON DELETE SET NULL,
    stage_since     timestamptz NOT NULL,
    -- when the current stage must be left; null once the result is ready
    stage_due_at    timestamptz,
    result_due_at   timestamptz NOT NULL,
    rating          smallint CHECK (rating BETWEEN 1 AND 5),
    rating_comment  text,
    closed_at       timestamptz,
    CONSTRAINT urgent_says_why CHECK (NOT urgent OR coalesce(btrim(urgent_reason), '') <> ''),
    CONSTRAINT closed_is_rated CHECK ((stage = 'closed') = (rating IS NOT NULL AND closed_at IS NOT NULL))
);
CREATE INDEX errands_grid ON errands (grid_id);
CREATE INDEX errands_holder ON errands (holder_user_id);
CREATE INDEX errands_open_due ON errands (stage_due_at) WHERE stage NOT IN ('returned', 'closed');

CREATE FUNCTION errand_stage_rank(s text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT array_position(ARRAY['filed', 'grid', 'station', 'department', 'result_ready', 'returned', 'closed'], s)
$$;

-- The lifecycle is the database's rule, not only the program's: one step forward at a time; an urgent
-- errand may skip holding levels on its way to the department; nothing moves after it is closed.
CREATE FUNCTION errand_lifecycle() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    from_rank integer := errand_stage_rank(OLD.stage);
    to_rank   integer := errand_stage_rank(NEW.stage);
BEGIN
    IF OLD.stage = 'closed' THEN
        RAISE EXCEPTION 'errand % is closed and can no longer change', OLD.number USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.number <> OLD.number OR NEW.item_code <> OLD.item_code OR NEW.filed_at <> OLD.filed_at THEN
        RAISE EXCEPTION 'an errand''s number, item and filing time never change' USING ERRCODE = 'check_violation';
    END IF;
    IF to_rank = from_rank THEN RETURN NEW; END IF;
    IF to_rank < from_rank THEN
        RAISE EXCEPTION 'errand % cannot go back from % to %', OLD.number, OLD.stage, NEW.stage USING ERRCODE = 'check_violation';
    END IF;
    IF to_rank > from_rank + 1 AND NOT (NEW.urgent AND to_rank <= errand_stage_rank('department')) THEN
        RAISE EXCEPTION 'errand % cannot skip from % to %: only urgent errands skip levels, and only up to the department',
            OLD.number, OLD.stage, NEW.stage USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER errands_lifecycle BEFORE UPDATE ON errands FOR EACH ROW EXECUTE FUNCTION errand_lifecycle();

CREATE TABLE errand_handoffs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    errand_id       bigint NOT NULL REFERENCES errands (id),
    from_stage      text NOT NULL,
    to_stage        text NOT NULL CHECK (to_stage IN ('grid', 'station', 'department')),
    from_user_id    bigint REFERENCES users (id),
    to_user_id      bigint NOT NULL REFERENCES users (id),
    to_staff_id     bigint REFERENCES staff (id) ON DELETE SET NULL,
    sent_at         timestamptz NOT NULL,
    -- the sender's deadline when it was sent: a hand-off after it is late, and stays marked so
    due_at          timestamptz NOT NULL,
    -- the receiver's deadline runs from the moment it was sent, so a slow confirmation is never hidden
    receiver_due_at timestamptz NOT NULL,
    skip_reason     text,
    confirmed_at    timestamptz,
    confirmed_by    bigint REFERENCES users (id),
    CONSTRAINT confirmed_together CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL))
);
-- one hand-off in transit at a time
CREATE UNIQUE INDEX errand_handoffs_one_in_transit ON errand_handoffs (errand_id) WHERE confirmed_at IS NULL;
CREATE INDEX errand_handoffs_receiver ON errand_handoffs (to_user_id);

CREATE FUNCTION errand_handoff_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    e errands%ROWTYPE;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.confirmed_at IS NOT NULL THEN
            RAISE EXCEPTION 'hand-off % is already confirmed', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.errand_id, NEW.to_stage, NEW.to_user_id, NEW.sent_at, NEW.due_at, NEW.receiver_due_at)
            IS DISTINCT FROM (OLD.errand_id, OLD.to_stage, OLD.to_user_id, OLD.sent_at, OLD.due_at, OLD.receiver_due_at) THEN
            RAISE EXCEPTION 'a hand-off''s sender, receiver and times never change' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO e FROM errands WHERE id = NEW.errand_id;
    IF NEW.from_stage <> e.stage THEN
        RAISE EXCEPTION 'errand % is at %, not %', e.number, e.stage, NEW.from_stage USING ERRCODE = 'check_violation';
    END IF;
    IF errand_stage_rank(NEW.to_stage) <= errand_stage_rank(e.stage) THEN
        RAISE EXCEPTION 'errand % is at % and cannot be handed back to %', e.number, e.stage, NEW.to_stage
            USING ERRCODE = 'check_violation';
    END IF;
    IF errand_stage_rank(NEW.to_stage) > errand_stage_rank(e.stage) + 1
       AND NOT (e.urgent AND coalesce(btrim(NEW.skip_reason), '') <> '') THEN
        RAISE EXCEPTION 'errand % cannot skip from % to %: only an urgent errand skips a level, with a reason',
            e.number, e.stage, NEW.to_stage USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER errand_handoffs_rules BEFORE INSERT OR UPDATE ON errand_handoffs
    FOR EACH ROW EXECUTE FUNCTION errand_handoff_rules();
CREATE TRIGGER errand_handoffs_no_delete BEFORE DELETE ON errand_handoffs
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- Tamper evidence: every entry carries the hash of the entry before it and of its own content.
CREATE FUNCTION errand_history_digest(prev text, errand bigint, seq integer, at timestamptz, actor bigint,
                                      event text, detail jsonb) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|', prev, errand, seq, (extract(epoch FROM at) * 1000000)::bigint,
                                              coalesce(actor::text, '-'), event, detail::text), 'UTF8')), 'hex')
$$;

CREATE TABLE errand_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    errand_id     bigint NOT NULL REFERENCES errands (id),
    seq           integer NOT NULL,
    at            timestamptz NOT NULL,
    actor_user_id bigint REFERENCES users (id),
    event         text NOT NULL,
    detail        jsonb NOT NULL DEFAULT '{}',
    prev_hash     text NOT NULL,
    hash          text NOT NULL,
    UNIQUE (errand_id, seq)
);

-- Chained here rather than in Java so that every writer, whatever its language, chains the same way; the
-- writer holds the errand's row lock, so entries of one errand are numbered one after the other.
CREATE FUNCTION errand_history_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last errand_history%ROWTYPE;
BEGIN
    SELECT * INTO last FROM errand_history WHERE errand_id = NEW.errand_id ORDER BY seq DESC LIMIT 1;
    NEW.seq := coalesce(last.seq, 0) + 1;
    NEW.prev_hash := coalesce(last.hash, '');
    NEW.hash := errand_history_digest(NEW.prev_hash, NEW.errand_id, NEW.seq, NEW.at, NEW.actor_user_id, NEW.event, NEW.detail);
    RETURN NEW;
END $$;
CREATE TRIGGER errand_history_chain BEFORE INSERT ON errand_history FOR EACH ROW EXECUTE FUNCTION errand_history_chain();
CREATE TRIGGER errand_history_append_only BEFORE UPDATE OR DELETE ON errand_history
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- PIPL: every read of a resident's name, phone or household is recorded.
CREATE TABLE personal_data_reads (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id   bigint NOT NULL REFERENCES users (id),
    errand_id bigint NOT NULL REFERENCES errands (id),
    read_at   timestamptz NOT NULL,
    purpose   text NOT NULL
);
CREATE INDEX personal_data_reads_errand ON personal_data_reads (errand_id);
CREATE TRIGGER personal_data_reads_append_only BEFORE UPDATE OR DELETE ON personal_data_reads
    FOR EACH ROW EXECUTE FUNCTION errand_refuse_change();

-- The one-stop center's catalogue (brief §8): 10 windows, 11 departments, the items residents hand in
-- most. Admins edit it afterwards; these rows are where a town starts.
INSERT INTO errand_windows (code, name, name_en, position) VALUES
    ('population', '人口计生', 'population and family planning', 1),
    ('veterans_relief', '优抚救济', 'veterans'' care and relief', 2),
    ('social_assistance', '社会救助', 'social assistance', 3),
    ('social_insurance', '社会保险', 'social insurance', 4),
    ('employment', '劳动就业', 'labour and employment', 5),
    ('agriculture', '农业建设', 'agriculture and construction', 6),
    ('social_services', '社会服务', 'social services', 7),
    ('police', '警民服务', 'police services', 8),
    ('culture', '文化服务', 'cultural services', 9),
    ('party', '党员服务', 'party member services', 10);

INSERT INTO errand_departments (code, name, name_en) VALUES
    ('health_family', '卫生计生办', 'health and family planning office'),
    ('civil_affairs', '民政办', 'civil affairs office'),
    ('veterans', '退役军人服务站', 'veterans'' service station'),
    ('social_security', '社会保障服务所', 'social security office'),
    ('labour', '劳动就业服务所', 'labour and employment office'),
    ('agriculture', '农业服务中心', 'agricultural service center'),
    ('construction', '规划建设环保办', 'planning, construction and environment office'),
    ('disabled', '残疾人联合会', 'disabled persons'' federation'),
    ('police_station', '派出所', 'police station'),
    ('culture', '文化服务中心', 'cultural service center'),
    ('party_office', '党建办', 'party building office');

INSERT INTO errand_items (code, name, name_en, window_code, department_code, processing_days, documents) VALUES
    ('birth_service_registration', '生育服务登记', 'birth service registration', 'population', 'health_family', 5, '{身份证,户口簿,结婚证}'),
    ('family_planning_certificate', '计生证明', 'family planning certificate', 'population', 'health_family', 3, '{身份证,户口簿}'),
    ('only_child_award', '独生子女父母奖励', 'only-child parents'' award', 'population', 'health_family', 10, '{身份证,独生子女证,银行卡}'),
    ('family_planning_special_aid', '计生特殊家庭扶助', 'aid for bereaved one-child families', 'population', 'health_family', 15, '{身份证,户口簿,死亡或伤残证明}'),
    ('veteran_benefits', '优抚对象待遇申请', 'entitled veterans'' benefits', 'veterans_relief', 'veterans', 15, '{身份证,退伍证,户口簿}'),
    ('veteran_card', '退役军人优待证', 'veteran''s preferential card', 'veterans_relief', 'veterans', 10, '{身份证,退伍证,照片}'),
    ('disaster_relief', '受灾群众生活救助', 'relief for disaster victims', 'veterans_relief', 'civil_affairs', 5, '{身份证,受灾情况说明}'),
    ('minimum_living_allowance', '低保申请', 'minimum living allowance (dibao)', 'social_assistance', 'civil_affairs', 30, '{身份证,户口簿,家庭收入证明,银行卡}'),
    ('extreme_poverty_support', '特困人员供养', 'support for the extremely poor', 'social_assistance', 'civil_affairs', 30, '{身份证,户口簿,收入财产证明}'),
    ('temporary_assistance', '临时救助', 'temporary assistance', 'social_assistance', 'civil_affairs', 10, '{身份证,困难情况说明}'),
    ('medical_assistance', '医疗救助', 'medical assistance', 'social_assistance', 'civil_affairs', 15, '{身份证,医疗费用票据,出院小结}'),
    ('pension_enrolment', '城乡居民养老保险参保登记', 'residents'' pension insurance enrolment', 'social_insurance', 'social_security', 5, '{身份证,户口簿}'),
    ('pension_claim', '养老保险待遇领取', 'pension insurance payout claim', 'social_insurance', 'social_security', 20, '{身份证,户口簿,银行卡}'),
    ('medical_insurance_enrolment', '城乡居民医保参保', 'residents'' medical insurance enrolment', 'social_insurance', 'social_security', 5, '{身份证,户口簿}'),
    ('medical_insurance_reimbursement', '医保报销', 'medical insurance reimbursement', 'social_insurance', 'social_security', 20, '{身份证,医保卡,医疗费用票据}'),
    ('social_security_card', '社保卡申领', 'social security card', 'social_insurance', 'social_security', 15, '{身份证,照片}'),
    ('employment_registration', '就业登记', 'employment registration', 'employment', 'labour', 5, '{身份证,劳动合同}'),
    ('unemployment_registration', '失业登记', 'unemployment registration', 'employment', 'labour', 5, '{身份证,解除劳动合同证明}'),
    ('vocational_training', '职业技能培训报名', 'vocational training enrolment', 'employment', 'labour', 7, '{身份证,户口簿}'),
    ('migrant_wage_complaint', '农民工欠薪投诉', 'migrant workers'' unpaid wages complaint', 'employment', 'labour', 20, '{身份证,用工证明}'),
    ('farm_machinery_subsidy', '农机购置补贴', 'farm machinery purchase subsidy', 'agriculture', 'agriculture', 20, '{身份证,购机发票,银行卡}'),
    ('farmland_subsidy', '耕地地力保护补贴', 'farmland protection subsidy', 'agriculture', 'agriculture', 15, '{身份证,土地承包经营权证,银行卡}'),
    ('livestock_insurance', '能繁母猪保险', 'breeding sow insurance', 'agriculture', 'agriculture', 10, '{身份证,养殖证明}'),
    ('rural_housing_permit', '农村建房审批', 'rural house building permit', 'agriculture', 'construction', 20, '{身份证,户口簿,宅基地使用证明,建房设计图}'),
    ('dilapidated_house_renovation', '农村危房改造申请', 'dilapidated rural house renovation', 'agriculture', 'construction', 30, '{身份证,户口簿,房屋照片}'),
    ('disability_certificate', '残疾证办理', 'disability certificate', 'social_services', 'disabled', 20, '{身份证,户口簿,照片,医院诊断证明}'),
    ('disability_subsidy', '残疾人两项补贴', 'disability living and nursing subsidies', 'social_services', 'disabled', 20, '{身份证,残疾证,银行卡}'),
    ('elderly_allowance', '高龄津贴', 'old-age allowance', 'social_services', 'civil_affairs', 15, '{身份证,户口簿,银行卡}'),
    ('marriage_certificate_help', '婚姻登记预约代办', 'marriage registration appointment', 'social_services', 'civil_affairs', 5, '{身份证,户口簿,照片}'),
    ('household_registration', '户口迁移', 'household registration transfer', 'police', 'police_station', 10, '{身份证,户口簿,准迁证}'),
    ('id_card', '居民身份证申领', 'resident identity card', 'police', 'police_station', 30, '{户口簿,照片}'),
    ('residence_certificate', '居住证明', 'certificate of residence', 'police', 'police_station', 3, '{身份证,户口簿}'),
    ('library_card', '农家书屋借阅证', 'village library card', 'culture', 'culture', 3, '{身份证}'),
    ('cultural_event_venue', '文化活动场地预约', 'cultural venue booking', 'culture', 'culture', 3, '{身份证,活动方案}'),
    ('party_membership_transfer', '党组织关系转接', 'party membership transfer', 'party', 'party_office', 10, '{党员证明,介绍信}'),
    ('party_hardship_aid', '困难党员帮扶', 'aid for party members in hardship', 'party', 'party_office', 15, '{身份证,困难情况说明}');
