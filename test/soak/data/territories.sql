-- Territories for the soak: the fixture list the reloader loads again and
-- again (identical content, so every reader must see the same figures and
-- the territory geometries stay current), and what readers must see.
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
CREATE TABLE soak.territory_list AS SELECT :'grpt2023'::text AS csv;
CREATE TABLE soak.expected_summary AS
SELECT id, member_count, population, regions FROM terrind.territory_summary WHERE phase = '2023-2027';
-- a point inside Pau: in ti-7510 (through CA Pau) and ti-8413 (Pau itself)
CREATE TABLE soak.pau AS
SELECT public.ST_Transform(public.ST_SetSRID(public.ST_Point(405000, 6255000), 2154), 4326) AS geom;
CREATE TABLE soak.facts AS
SELECT jsonb_build_object('population', 62000 + g, 'industry_share', 0.1 + g / 1000.0,
                          'national', jsonb_build_object('industry_share', 0.102), 'has_metropole', g % 2 = 0) AS f
FROM generate_series(1, 50) g;
CREATE TABLE soak.expected_verdicts AS
SELECT count(*) FILTER (WHERE terrind.eligible(r, f)) AS passing, md5(string_agg(terrind.explain(r, f)::text, ',' ORDER BY f::text)) AS explained
FROM soak.facts, (SELECT 'population between 50000 and 150000 and industry_share >= 1.5 * national.industry_share and not has_metropole'::terrind.eligibility_rule AS r) x;
-- funding totals readers must see, by region (each method) and by need
CREATE TABLE soak.expected_funding AS
SELECT m AS method, f.region, f.need::text AS need, f.status, f.amount
FROM unnest(ARRAY['lead', 'population', 'area']) m, terrind.funding_by_region('2023-2027', m) f;
CREATE TABLE soak.expected_by_need AS
SELECT status, terrind.sum_by_need(amount, need) AS breakdown FROM terrind.funding GROUP BY status;
