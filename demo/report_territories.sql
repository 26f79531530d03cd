-- Demo report: the real programme (ANCT's files) on the real COG.
SET search_path = terrind, public;
\pset footer off

\echo
\echo '== Both phases: territories, member links and the communes they cover (COG 2026) =='
SELECT t.phase, count(*) AS territories,
       (SELECT count(*) FROM territory_member m WHERE m.phase = t.phase) AS member_links,
       (SELECT count(DISTINCT v.commune) FROM territory_coverage v WHERE v.phase = t.phase) AS communes_covered,
       (SELECT to_char(sum(x.population), 'FM999G999G999')
        FROM (SELECT DISTINCT v.commune, v.population FROM territory_coverage v WHERE v.phase = t.phase) x) AS population
FROM territory t GROUP BY t.phase ORDER BY t.phase;

\echo
\echo '== Territoires d''industrie by lead region, phase 2023-2027 (ANCT; populations: COG 2026) =='
SELECT lead_region AS region, lead_region_name AS name, count(*) AS territories,
       sum(member_count) AS members, to_char(sum(population), 'FM999G999G999') AS population
FROM territory_summary WHERE phase = '2023-2027'
GROUP BY lead_region, lead_region_name ORDER BY lead_region;

\echo
\echo '== Members by nature, both phases (natures from the COG 2026) =='
SELECT phase, coalesce(nature, 'absent from the COG') AS nature, count(*) AS members
FROM territory_member GROUP BY phase, nature ORDER BY phase, count(*) DESC, nature;

\echo
\echo '== The five most populous territories of phase 2023-2027 =='
SELECT s.id, s.name, s.member_count AS members, to_char(s.population, 'FM999G999G999') AS population,
       array_to_string(s.departements, ', ') AS departements
FROM territory_summary s WHERE s.phase = '2023-2027' ORDER BY s.population DESC, s.id LIMIT 5;

\echo
\echo '== Territories spanning several regions, phase 2023-2027 (their members'' communes) =='
SELECT id, name, lead_region AS lead, array_to_string(regions, ', ') AS regions
FROM territory_summary WHERE phase = '2023-2027' AND cardinality(regions) > 1 ORDER BY id;

\echo
\echo '== One id, two territories: ti-8413 in each phase =='
SELECT phase, id, name, member_count AS members FROM territory_summary WHERE id = 'ti-8413' ORDER BY phase;

\echo
\echo '== What check_territories reports before you trust any figure, counted (phase 2023-2027) =='
SELECT finding, count(*) FROM check_territories('2023-2027') GROUP BY finding ORDER BY finding;
\echo 'the first of each:'
SELECT DISTINCT ON (finding) finding, territory_id AS territory, subject, detail
FROM check_territories('2023-2027') ORDER BY finding, territory_id, subject;

\echo
\echo '== The phases compared: phase_continuity() against ANCT''s published count =='
SELECT c.outcome, c.terrind, a.anct
FROM (SELECT outcome, count(*) AS terrind FROM phase_continuity() GROUP BY outcome) c
JOIN (VALUES ('renewed', 107), ('reconfigured', 47), ('new', 29)) a(outcome, anct) USING (outcome)
ORDER BY a.anct DESC;
\echo 'terrind: new = no member shared with a 2018-2022 territory; renewed = two thirds of the members'
\echo 'shared both ways; reconfigured otherwise.  The 3 differences (doc/territories.md): métropoles that'
\echo 'replaced phase-1 territories made of their communes, which share no SIREN with them:'
SELECT id, name, outcome, explanation FROM phase_continuity() WHERE id IN ('ti-9301', 'ti-9305', 'ti-9306')
UNION ALL
SELECT id, name, outcome, explanation FROM phase_continuity() WHERE id IN ('ti-7510', 'ti-8413')
ORDER BY id;
