-- Demo report: the reference geography and the (illustrative) territories.
SET search_path = terrind, public;
\pset footer off

\echo
\echo '== Territoires d''industrie by region, phase 2023-2027 (ILLUSTRATIVE list) =='
SELECT lead_region AS region, lead_region_name AS name, count(*) AS territories,
       sum(member_count) AS members, to_char(sum(population), 'FM999G999G999') AS population
FROM territory_summary WHERE phase = '2023-2027'
GROUP BY lead_region, lead_region_name ORDER BY lead_region;

\echo
\echo '== The five most populous (ILLUSTRATIVE) territories of phase 2023-2027 =='
SELECT id, name, member_count AS members, to_char(population, 'FM999G999G999') AS population,
       array_to_string(departements, ', ') AS departements
FROM territory_summary WHERE phase = '2023-2027' ORDER BY population DESC, id LIMIT 5;

\echo
\echo '== What check_territories reports before you trust any figure (phase 2023-2027) =='
SELECT finding, territory_id AS territory, subject, detail
FROM check_territories('2023-2027') ORDER BY finding, territory_id, subject;
