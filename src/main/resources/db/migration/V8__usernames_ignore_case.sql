-- A user name names one person whatever its case: "Pei" and "pei" may not be two accounts, and logins
-- compare names ignoring case. Existing twins must be renamed by an admin first; say which.
DO $$
DECLARE twins text;
BEGIN
    SELECT string_agg(names, '; ') INTO twins FROM (
        SELECT string_agg(username, ', ' ORDER BY id) AS names FROM users
        GROUP BY lower(username) HAVING count(*) > 1) t;
    IF twins IS NOT NULL THEN
        RAISE EXCEPTION 'user names that differ only in case must be renamed first: %', twins;
    END IF;
END $$;

CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
