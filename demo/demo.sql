-- terrind demo: real COG reference geography, illustrative programme data.
-- Run by scripts/demo.sh with -v cog=<directory of the npm package's data>.
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
\echo '== Territory lists: ILLUSTRATIVE, generated from the real EPCI list =='
\echo 'No official ANCT list ships with terrind; these lists only show the loaders and reports at'
\echo 'work.  Load the real files with terrind.load_territories (see doc/territories.md).'
\ir illustrative_territories.sql
SELECT 'phase 2018-2022 (semicolon-separated, like the Caisse des Dépôts file)' AS file, item, loaded
FROM load_territories('2018-2022', :'members_p1')
UNION ALL
SELECT 'phase 2023-2027 (ANCT per-member file, BOM + CRLF)', item, loaded
FROM load_territories('2023-2027', :'members_p2')
UNION ALL
SELECT 'phase 2023-2027 (ANCT per-commune file, multi-id cells)', item, loaded
FROM load_territory_communes('2023-2027', :'communes_p2');

\ir report_territories.sql

\ir funding.sql

\ir eligibility.sql

\ir spatial.sql
