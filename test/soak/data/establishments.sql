-- The soak's shared data set: the dump/restore fixture (analyst.*, loaded
-- first by scripts/soak.sh) copied into soak.establishments, which the
-- reloader truncates and fills again, with the totals every reader must see.
CREATE SCHEMA soak;

-- raise unless ok: a workload's way to fail its transaction with a message
CREATE FUNCTION soak.check(ok boolean, what text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'soak check failed: %', what;
    END IF;
    RETURN true;
END $$;

-- what a reload copies: all but the two extreme amounts, whose region sums
-- would be beyond the eur range
CREATE VIEW soak.source AS
SELECT id, siren, siret, commune, territory, amount, region FROM analyst.establishments WHERE id NOT IN (-1, -2);
CREATE TABLE soak.establishments AS SELECT * FROM soak.source;
CREATE INDEX ON soak.establishments (siren);
CREATE INDEX ON soak.establishments (commune);
CREATE INDEX ON soak.establishments USING hash (territory);

CREATE TABLE soak.expected_by_region AS
SELECT region, sum(amount) AS total, count(*) AS n FROM soak.establishments GROUP BY region;
CREATE TABLE soak.expected AS
SELECT sum(amount) AS total, avg(amount) AS mean, count(*) AS n FROM soak.establishments;
