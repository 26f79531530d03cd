-- Demo report: the real programme (ANCT's files) on the real COG.  The
-- demo's texts are French, as its users are (map_svg too, by default).
SET search_path = terrind, public;
\pset footer off

\echo
\echo '== Les deux phases : territoires, liens d''adhésion et communes couvertes (COG 2026) =='
SELECT t.phase, count(*) AS territoires,
       (SELECT count(*) FROM territory_member m WHERE m.phase = t.phase) AS "liens membres",
       (SELECT count(DISTINCT v.commune) FROM territory_coverage v WHERE v.phase = t.phase) AS "communes couvertes",
       (SELECT to_char(sum(x.population), 'FM999G999G999')
        FROM (SELECT DISTINCT v.commune, v.population FROM territory_coverage v WHERE v.phase = t.phase) x) AS population
FROM territory t GROUP BY t.phase ORDER BY t.phase;

\echo
\echo '== Territoires d''industrie par région pilote, phase 2023-2027 (ANCT ; populations : COG 2026) =='
SELECT lead_region AS "région", lead_region_name AS nom, count(*) AS territoires,
       sum(member_count) AS membres, to_char(sum(population), 'FM999G999G999') AS population
FROM territory_summary WHERE phase = '2023-2027'
GROUP BY lead_region, lead_region_name ORDER BY lead_region;

\echo
\echo '== Membres par nature juridique, les deux phases (natures du COG 2026) =='
SELECT phase, coalesce(nature, 'absent du COG') AS nature, count(*) AS membres
FROM territory_member GROUP BY phase, nature ORDER BY phase, count(*) DESC, nature;

\echo
\echo '== Les cinq territoires les plus peuplés de la phase 2023-2027 =='
SELECT s.id, s.name AS nom, s.member_count AS membres, to_char(s.population, 'FM999G999G999') AS population,
       array_to_string(s.departements, ', ') AS "départements"
FROM territory_summary s WHERE s.phase = '2023-2027' ORDER BY s.population DESC, s.id LIMIT 5;

\echo
\echo '== Territoires à cheval sur plusieurs régions, phase 2023-2027 (communes de leurs membres) =='
SELECT id, name AS nom, lead_region AS pilote, array_to_string(regions, ', ') AS "régions"
FROM territory_summary WHERE phase = '2023-2027' AND cardinality(regions) > 1 ORDER BY id;

\echo
\echo '== Un identifiant, deux territoires : ti-8413 dans chaque phase =='
SELECT phase, id, name AS nom, member_count AS membres FROM territory_summary WHERE id = 'ti-8413' ORDER BY phase;

\echo
\echo '== Ce que check_territories signale avant de se fier à un chiffre, en nombre (phase 2023-2027) =='
SELECT finding AS constat, count(*) AS nombre FROM check_territories('2023-2027') GROUP BY finding ORDER BY finding;
\echo 'le premier de chaque (constats en anglais, comme les messages de terrind) :'
SELECT DISTINCT ON (finding) finding AS constat, territory_id AS territoire, subject AS objet, detail AS "détail"
FROM check_territories('2023-2027') ORDER BY finding, territory_id, subject;

\echo
\echo '== Les phases comparées : phase_continuity() face au décompte publié par l''ANCT =='
SELECT c.outcome AS issue, c.terrind, a.anct AS "ANCT"
FROM (SELECT outcome, count(*) AS terrind FROM phase_continuity() GROUP BY outcome) c
JOIN (VALUES ('renewed', 107), ('reconfigured', 47), ('new', 29)) a(outcome, anct) USING (outcome)
ORDER BY a.anct DESC;
\echo 'terrind : new (nouveau) = aucun membre commun avec un territoire 2018-2022 ; renewed (renouvelé) ='
\echo 'deux tiers des membres partagés dans les deux sens ; reconfigured (reconfiguré) sinon.  Les 3 écarts'
\echo '(doc/territories.md) : des métropoles qui ont remplacé des territoires de phase 1 formés de leurs'
\echo 'communes, avec lesquels elles ne partagent aucun SIREN :'
SELECT id, name AS nom, outcome AS issue, explanation AS explication FROM phase_continuity() WHERE id IN ('ti-9301', 'ti-9305', 'ti-9306')
UNION ALL
SELECT id, name, outcome, explanation FROM phase_continuity() WHERE id IN ('ti-7510', 'ti-8413')
ORDER BY id;
