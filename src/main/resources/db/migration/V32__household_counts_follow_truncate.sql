-- V19's households per grid followed inserts, deletes and moves, but a TRUNCATE of households fires no row or
-- statement trigger, so each grid kept its old total and the month's completion went on dividing by households
-- that were gone. The count now follows a TRUNCATE as V21's density and V29's visit counts do. DELETE, not
-- TRUNCATE: the command that fires this may name the table too.
CREATE FUNCTION grid_household_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM grid_household_counts;
    RETURN NULL;
END $$;

CREATE TRIGGER households_counts_truncate AFTER TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION grid_household_counts_truncate();
