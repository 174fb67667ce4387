-- A city's year of visits is some 17 M rows, and each counting visit also writes a row of V19's households-by-month
-- and of V23's visitors-by-household-and-month. Their references to households were checked row by row (about a
-- third of the counts' cost when a year is loaded) and add nothing: those rows are written only for visits, a
-- visit's own reference keeps its household from being deleted (visits are never removed row by row), and so the
-- cascade on a household's deletion had nothing to remove.
ALTER TABLE visit_household_months DROP CONSTRAINT visit_household_months_household_id_fkey;
ALTER TABLE visit_household_visitors DROP CONSTRAINT visit_household_visitors_household_id_fkey;

-- What the cascade did do: a TRUNCATE of households (or of visits) emptied those two tables. The counts kept from
-- visits now follow a TRUNCATE of visits themselves, all four of them, as V21's density follows households. DELETE,
-- not TRUNCATE: the TRUNCATE that fires this may name these tables too, and a table cannot be truncated while that
-- command holds it (once it has emptied them, there is nothing left to delete).
CREATE FUNCTION visit_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM visit_household_months;
    DELETE FROM visit_grid_months;
    DELETE FROM visit_household_visitors;
    DELETE FROM visit_grid_visitors;
    RETURN NULL;
END $$;

CREATE TRIGGER visits_rollups_truncate AFTER TRUNCATE ON visits
    FOR EACH STATEMENT EXECUTE FUNCTION visit_rollups_truncate();
