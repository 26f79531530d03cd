-- Rows in the eligibility tables terrind registers for pg_dump: a
-- nomenclature of the user's own with its sectors, and employment figures
-- in it and in a seeded one.  Inserted directly (load_employment needs the
-- COG, which territories.sql loads after this file).
\set QUIET on
SET search_path = terrind, public;
INSERT INTO sector_nomenclature VALUES ('A3-test', 'three groups, for the dump test', 'test/dump_restore/data/eligibility.sql');
INSERT INTO sector VALUES ('A3-test', 'AGR', 'Agriculture', '01-03', false), ('A3-test', 'IND', 'Industrie', '05-39', true),
                          ('A3-test', 'SRV', 'Construction et services', '41-99', false);
INSERT INTO employment_year VALUES (2021, 'NA17', 'dump test, made up', '2026-11-26 12:00:00+00'),
                                   (2019, 'A3-test', 'dump test, made up', '2026-11-26 12:00:00+00');
INSERT INTO employment (zone, zone_level, year, nomenclature, sector, jobs, establishments) VALUES
    ('200067254', 'epci', 2021, 'NA17', 'C5', 300, 12), ('200067254', 'epci', 2021, 'NA17', 'OQ', 2700, NULL),
    ('200069300', 'epci', 2021, 'NA17', 'C4', 400.5, 3), ('200069300', 'epci', 2021, 'NA17', 'GZ', 1100, 35),
    ('216403006', 'commune', 2021, 'NA17', 'C5', 50, NULL),
    ('200067254', 'epci', 2019, 'A3-test', 'IND', 280, NULL), ('200067254', 'epci', 2019, 'A3-test', 'SRV', 2600, NULL);
-- a rule set of one's own, and a new version of a preset
INSERT INTO eligibility_rule_set (name, version, phase, rule, description, basis, author, created_at) VALUES
    ('dump-test', 1, '2023-2027', 'population >= 1000 and industry_share > 0.1', 'Analytical scenario for the dump test.', NULL,
     'tester', '2026-11-26 12:00:00+00'),
    ('phase1-combined', 2, '2018-2022', 'population between 40000 and 150000 and industry_share >= 1.5 * national.industry_share',
     'Analytical scenario: a lower size bound.', 'a user''s reading', 'tester', '2026-11-26 12:00:00+00');
-- the largest rule terrind accepts: its canonical text (what pg_dump
-- writes) is 1 048 568 bytes, just within the 1 MiB a restore parses
INSERT INTO eligibility_rule_set (name, version, phase, rule, description, basis, author, created_at)
SELECT 'largest-rule', 1, '2023-2027', string_agg('x<1', ' or ')::eligibility_rule, 'The largest accepted rule, for the dump test.',
       NULL, 'tester', '2026-11-26 12:00:00+00'
FROM generate_series(1, 116507);
