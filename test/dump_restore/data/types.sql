-- Every terrind type in user tables, as analysts use them: NULLs, extreme
-- values, arrays, a domain, defaults, a generated column, CHECK constraints,
-- btree, hash, expression and partial indexes, hash partitioning on a
-- terrind type, a view and a materialized view over terrind aggregates
-- (restored with search_path = '', like every pg_dump restore).
CREATE SCHEMA analyst;

-- the number completed with its Luhn check digit (width digits in all)
CREATE FUNCTION analyst.with_check_digit(prefix bigint, width int) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT prefix * 10 + (10 - sum(CASE WHEN i % 2 = 1 THEN (2 * d) / 10 + (2 * d) % 10 ELSE d END) % 10) % 10
    FROM (SELECT i, (prefix / (10::numeric ^ (i - 1))::bigint) % 10 AS d
          FROM generate_series(1, width - 1) i) digits
$$;

CREATE DOMAIN analyst.positive_eur AS terrind.eur CHECK (VALUE OPERATOR(pg_catalog.>=) '0');

CREATE TABLE analyst.establishments (
    id integer PRIMARY KEY,
    siren terrind.siren,
    siret terrind.siret UNIQUE,
    commune terrind.commune_code,
    territory terrind.ti_code,
    amount terrind.eur DEFAULT '0',
    grant_amount analyst.positive_eur,
    history terrind.eur[],
    state terrind.eur_sum_state,
    region text GENERATED ALWAYS AS (terrind.region_of(commune)) STORED,
    CHECK (terrind.lead_region(territory) <> '00')
);

INSERT INTO analyst.establishments (id, siren, siret, commune, territory, amount, grant_amount, history, state)
SELECT i,
       analyst.with_check_digit(10000000 + i * 7919 % 89999999, 9)::terrind.siren,
       analyst.with_check_digit(analyst.with_check_digit(10000000 + i * 7919 % 89999999, 9) * 10000
                                + i % 9999, 14)::text::terrind.siret,
       c.code::terrind.commune_code,
       t.code::terrind.ti_code,
       ((i * 104729 % 2000001 - 1000000) * 137 / 100.0)::terrind.eur,
       (i * 31 % 100000 / 100.0)::analyst.positive_eur,
       ARRAY[(i / 100.0)::terrind.eur, NULL, (-i)::terrind.eur],
       ('(' || i * 1000 || ',' || i || ')')::terrind.eur_sum_state
FROM generate_series(1, 3000) i
JOIN (SELECT row_number() OVER (ORDER BY d, n) AS k, d || lpad(n::text, 3, '0') AS code
      FROM unnest(ARRAY['01', '13', '2A', '2B', '33', '59', '69', '75', '95']) d, generate_series(1, 400) n
      UNION ALL
      SELECT 3600 + row_number() OVER (ORDER BY o, n), o || lpad(n::text, 2, '0')
      FROM unnest(ARRAY['971', '974', '975', '976', '987', '988']) o, generate_series(1, 20) n) c
  ON c.k = 1 + i * 13 % 3720
JOIN (SELECT row_number() OVER (ORDER BY r, n) AS k, 'ti-' || r || lpad(n::text, 2, '0') AS code
      FROM unnest(ARRAY['01', '06', '11', '24', '44', '75', '76', '84', '93', '94']) r, generate_series(1, 20) n) t
  ON t.k = 1 + i % 200;

-- extremes and NULLs
INSERT INTO analyst.establishments (id, siren, siret, commune, territory, amount, grant_amount, history, state) VALUES
    (-1, '000000000', '00000000000000', '01001', 'ti-0100', '-92233720368547758.08', '0', '{}',
     '(-170141183460469231731687303715884105728,0)'),
    (-2, '999999998', '35600000049837', '98901', 'ti-9499', '92233720368547758.07', '92233720368547758.07',
     '{NULL}', '(170141183460469231731687303715884105727,9223372036854775807)'),
    (-3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (-4, '356000000', '35600000000048', '2A004', 'ti-9401', '-0.01', '0.01', ARRAY['1,36 Md€'::terrind.eur], '(0,0)');

CREATE INDEX ON analyst.establishments (siren);
CREATE INDEX ON analyst.establishments USING hash (territory);
CREATE INDEX ON analyst.establishments (commune, amount DESC);
CREATE INDEX ON analyst.establishments (terrind.region_of(commune));
CREATE INDEX ON analyst.establishments (amount) WHERE amount OPERATOR(pg_catalog.>) '0';

CREATE TABLE analyst.by_siren (siren terrind.siren NOT NULL, amount terrind.eur) PARTITION BY HASH (siren);
CREATE TABLE analyst.by_siren_0 PARTITION OF analyst.by_siren FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE analyst.by_siren_1 PARTITION OF analyst.by_siren FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE analyst.by_siren_2 PARTITION OF analyst.by_siren FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO analyst.by_siren SELECT siren, amount FROM analyst.establishments WHERE siren IS NOT NULL;

CREATE VIEW analyst.totals_by_region AS
SELECT region, sum(amount) AS total, avg(amount) AS mean,
       min(siren) AS first_siren, max(commune) AS last_commune, count(*) AS n
FROM analyst.establishments WHERE id > 0 GROUP BY region;

CREATE MATERIALIZED VIEW analyst.totals_by_territory AS
SELECT territory, sum(amount) AS total, terrind.format_eur(sum(amount), true) AS shown
FROM analyst.establishments WHERE id > 0 GROUP BY territory;
CREATE UNIQUE INDEX ON analyst.totals_by_territory (territory);
