-- terrind demo: the real COG reference geography and ANCT's real programme;
-- funding and employment stay illustrative.  Run by scripts/demo.sh with
-- -v cog=<directory of the npm package's data> -v anct=<data/anct> -v out=<directory>.
\set ON_ERROR_STOP on
\set QUIET on
SET client_min_messages = warning;
CREATE EXTENSION terrind CASCADE;
SET search_path = terrind, public;
\pset footer off

\echo '== Reference geography: COG 2026 from @etalab/decoupage-administratif 6.0.0 (real data) =='
\set regions `cat :'cog'/regions.json`
\set departements `cat :'cog'/departements.json`
\set communes `cat :'cog'/communes.json`
\set epci `cat :'cog'/epci.json`
\set ept `cat :'cog'/ept.json`
SELECT clock_timestamp() AS t0 \gset
SELECT item, loaded FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS seconds \gset
\echo 'loaded in' :seconds 's'

\echo
\echo '== The programme: ANCT''s official files, one call per phase (real data, Licence Ouverte 2.0) =='
\echo 'data/anct/, checked against SHA256SUMS before loading: "ANCT — Programme Territoires d''industrie",'
\echo 'files of 2024-09-16 (2023-2027) and 2026-07-20 (2018-2022).'
\set p2 `cat :'anct'/territoires-industrie-2023-2027.geojson`
\set p1 `cat :'anct'/territoires-industrie-2018-2022.geojson`
SELECT '2023-2027' AS phase, item, loaded FROM load_programme('2023-2027', :'p2')
UNION ALL
SELECT '2018-2022', item, loaded FROM load_programme('2018-2022', :'p1');
SELECT format('phase 2023-2027: %s territories and %s member links loaded',
              (SELECT count(*) FROM territory WHERE phase = '2023-2027'),
              (SELECT count(*) FROM territory_member WHERE phase = '2023-2027')) AS loaded \gset
\echo :loaded

\ir report_territories.sql

\ir funding.sql

\ir eligibility.sql

\ir spatial.sql
