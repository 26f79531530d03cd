-- terrind demo: the real COG reference geography and ANCT's real programme;
-- funding and employment stay illustrative.  Run by scripts/demo.sh with
-- -v cog=<directory of the npm package's data> -v anct=<data/anct> -v out=<directory>.
\set ON_ERROR_STOP on
\set QUIET on
SET client_min_messages = warning;
CREATE EXTENSION terrind CASCADE;
SET search_path = terrind, public;
\pset footer off

\echo '== Géographie de référence : COG 2026 de @etalab/decoupage-administratif 6.0.0 (données réelles) =='
\set regions `cat :'cog'/regions.json`
\set departements `cat :'cog'/departements.json`
\set communes `cat :'cog'/communes.json`
\set epci `cat :'cog'/epci.json`
\set ept `cat :'cog'/ept.json`
SELECT clock_timestamp() AS t0 \gset
SELECT item, loaded FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS seconds \gset
\echo 'chargé en' :seconds 's'

\echo
\echo '== Le programme : les fichiers officiels de l''ANCT, un appel par phase (données réelles, Licence Ouverte 2.0) =='
\echo 'data/anct/, vérifiés contre SHA256SUMS avant chargement : « ANCT — Programme Territoires d''industrie »,'
\echo 'fichiers du 16/09/2024 (2023-2027) et du 20/07/2026 (2018-2022).'
\set p2 `cat :'anct'/territoires-industrie-2023-2027.geojson`
\set p1 `cat :'anct'/territoires-industrie-2018-2022.geojson`
SELECT '2023-2027' AS phase, item, loaded FROM load_programme('2023-2027', :'p2')
UNION ALL
SELECT '2018-2022', item, loaded FROM load_programme('2018-2022', :'p1');
SELECT format('phase 2023-2027 : %s territoires et %s liens d''adhésion chargés',
              (SELECT count(*) FROM territory WHERE phase = '2023-2027'),
              (SELECT count(*) FROM territory_member WHERE phase = '2023-2027')) AS loaded \gset
\echo :loaded

\ir report_territories.sql

\ir funding.sql

\ir eligibility.sql

\ir spatial.sql
