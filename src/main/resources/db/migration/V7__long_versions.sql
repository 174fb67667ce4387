-- Versions are compared with what a client sends as a JSON number; they are 64-bit end to end, so a client's
-- 2^40 + 1 can never be read as 1 and match a stored version by accident.
ALTER TABLE grids ALTER COLUMN version TYPE bigint;
ALTER TABLE facilities ALTER COLUMN version TYPE bigint;
ALTER TABLE edit_grids ALTER COLUMN before_version TYPE bigint, ALTER COLUMN after_version TYPE bigint;
