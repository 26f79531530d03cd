-- Funding lines: reference data, the table's checks, load_funding, totals
-- per region with each method, the BI views and deployment rates, on the
-- fixture world (test/fixtures).  Populations: ti-7510 has 1300 inhabitants
-- in region 75 (Pau 1000, Lescar 200, Lacq 100) and 1100 in 76 (Tarbes 800,
-- Lourdes 300); ti-8413 has 1000 in 75 (the commune of Pau) and 550 in 84;
-- ti-7601 (led by 76) lies in 75; ti-8403's only member is a stale SIREN.
SET search_path = terrind, public;
\set VERBOSITY default
\set SHOW_CONTEXT never
\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
\set cdc2018 `cat test/fixtures/territories/liste-ti-2018-cdc.csv`
SELECT count(*) AS cog_items FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
SELECT count(*) AS list_items FROM load_territories('2023-2027', :'grpt2023');
SELECT count(*) AS list_items FROM load_territories('2018-2022', :'cdc2018');

-- reference data: needs, statuses in funnel order, sources, measures
SELECT * FROM needs ORDER BY position;
SELECT status, position, label FROM funding_status ORDER BY position;
SELECT code, name, kind FROM funding_source ORDER BY kind, code;
SELECT phase, need, code, source, unit_amount, unit, valid_from, valid_to FROM measure ORDER BY phase, need, code;
SELECT v, input_error(v, 'need') FROM unnest(ARRAY['Transition écologique', 'COMPÉTENCES', 'recrutement']) v;

-- load_funding: a spreadsheet saved by a French Excel (BOM, CRLF, ';'),
-- French headers and labels, amounts as people write them
SELECT * FROM load_funding(E'\uFEFFphase;id_territoire;besoin;mesure;financeur;statut;montant;date_decision;siret;libelle\r\n'
    '2023-2027;ti-7510;Foncier;;Banque des Territoires;Engagé;1 000,01 €;15/03/2024;;Friche Lacq\r\n'
    '2023-2027;ti-7510;Foncier;;banque_des_territoires;deployed;600,00;2024-09-01;;Friche Lacq\r\n'
    '2023-2027;ti-7510;Compétences;;PIC;annoncé;1,2 M€;;;\r\n'
    '2023-2027;ti-8413;Transition écologique;;ADEME;engaged;10 000;;73282932000074;Chaufferie\r\n'
    '2023-2027;ti-7601;innovation;;Bpifrance;announced;0,03;;;\r\n'
    '2023-2027;ti-8403;foncier;;Fonds Vert;engaged;250 k€;;;\r\n'
    '2018-2022;ti-8413;Recruter;VTE;Régions;deployed;4000;2019-06-30;;\r\n'
    '2018-2022;ti-8413;recruter;Volontariat Territorial en Entreprise (VTE);regions;engaged;8 000;;;\r\n');
SELECT id, phase, territory_id, need, measure, source, status, amount, decided_on, siret, label FROM funding ORDER BY id;

-- every bad row reported with its line; nothing stored
SELECT * FROM load_funding(E'phase,id_ti,need,measure,source,status,amount,decided_on,siret\n'
    '2023-2027,ti-7599,recruter,vte,BdT,paid,"12,345",2024-02-30,123\n'
    '2019,ti-75,,,,,,,\n'
    '2018-2022,ti-8413,innover,vte,pia,engaged,1,,\n'
    '2023-2027,ti-8402,foncier,,pia,engaged\n'
    '2018-2022,ti-8418,attirer,nouvelle mesure,pia,announced,1e3,31/12/2019,\n');
SELECT count(*) AS lines_after_rejected_load FROM funding;
SELECT * FROM load_funding(E'phase,id_ti,need,source,status\n2023-2027,ti-7510,foncier,pia,engaged\n');
SELECT * FROM load_funding(NULL);

-- replace: the file is the whole list of each (phase, source) it holds;
-- other sources keep their lines
SELECT * FROM load_funding(E'phase,id_ti,need,source,status,amount\n2023-2027,ti-8413,transition_ecologique,ademe,engaged,12000\n2023-2027,ti-8413,transition_ecologique,ademe,deployed,9000\n', replace => true);
SELECT phase, source, status, amount FROM funding ORDER BY id;

-- the table refuses what the loader reports: a need of another phase, an
-- unknown territory, a measure of another need, a malformed amount
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES ('2023-2027', 'ti-7510', 'recruter', 'pia', 'engaged', 1);
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES ('2023-2027', 'ti-7599', 'foncier', 'pia', 'engaged', 1);
INSERT INTO funding (phase, territory_id, need, measure, source, status, amount) VALUES ('2018-2022', 'ti-8413', 'innover', 'vte', 'pia', 'engaged', 1);
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES ('2023-2027', 'ti-7510', 'foncier', 'pia', 'spent', 1);
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES ('2023-2027', 'ti-7510', 'foncier', 'pia', 'engaged', '1,234');
INSERT INTO measure (phase, code, need, label) VALUES ('2023-2027', 'x', 'recruter', 'X');

-- a territory list that drops territories with funding is refused, naming
-- them; deleting such a territory directly is refused too
SELECT * FROM load_territories('2023-2027', E'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-8402,Bresse,200071173,Bourg,CA\n');
-- (the foreign key is ON DELETE RESTRICT: PostgreSQL 18 says "violates RESTRICT
-- setting of foreign key constraint", hence expected/funding_lines_1.out)
DELETE FROM territory WHERE phase = '2023-2027' AND id = 'ti-7601';
SELECT count(*) AS territories_kept FROM territory WHERE phase = '2023-2027';

-- the regions each method splits territories among; ti-8403 has no
-- population known, so its lead region takes all
SELECT * FROM region_weights('2023-2027', 'population');
SELECT * FROM funding_by_region('2023-2027');
SELECT * FROM funding_by_region('2023-2027', 'population');
-- whatever the method, regions add up to the national total of each need and status
SELECT m AS method, r.need, r.status, sum(r.amount) AS regions, (SELECT sum(f.amount) FROM funding f
       WHERE f.phase = '2023-2027' AND f.need = r.need AND f.status = r.status) AS national
FROM unnest(ARRAY['lead', 'population']) m, funding_by_region('2023-2027', m) r
GROUP BY m, r.need, r.status ORDER BY 1, 2, 3;
SELECT * FROM funding_by_region('2018-2022', 'population');
SELECT * FROM funding_by_region('2023-2027', 'bogus');
SELECT * FROM funding_by_region('2023-2027', 'area');
SELECT * FROM funding_by_region('2030-2034');
SELECT * FROM region_weights('2023-2027', 'Lead');

-- views for BI tools: plain column types
SELECT c.relname AS view, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = 'terrind'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
  AND (c.relname LIKE 'funding%' OR c.relname = 'needs')
ORDER BY c.relname, a.attnum;
-- detail rows, then totals: NULL in the columns totalled over, level says which
SELECT level, territory_id, need, status, lines, amount FROM funding_territory_totals WHERE phase = '2023-2027'
ORDER BY level DESC, territory_id NULLS LAST, need NULLS LAST, status_position;
SELECT level, region, region_name, need, status, lines, amount FROM funding_region_totals WHERE phase = '2023-2027'
ORDER BY level DESC, region NULLS LAST, need NULLS LAST, status_position;
SELECT phase, level, source, source_name, status, lines, amount FROM funding_source_totals
ORDER BY phase, level, source NULLS LAST, status_position;
-- deployment rates: deployed ÷ engaged, NULL when nothing is engaged
SELECT * FROM funding_territory_rates ORDER BY phase, level DESC, territory_id;
SELECT * FROM funding_region_rates ORDER BY phase, level DESC, region;

-- exact to the cent beyond int8 intermediate totals, 22003 beyond the eur range
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES
    ('2018-2022', 'ti-8418', 'attirer', 'pia', 'announced', '92233720368547758.07'),
    ('2018-2022', 'ti-8418', 'attirer', 'pia', 'announced', '-92233720368547758.07'),
    ('2018-2022', 'ti-8413', 'attirer', 'pia', 'announced', '92233720368547758.07');
SELECT * FROM funding_by_region('2018-2022', 'population') WHERE need = 'attirer';
INSERT INTO funding (phase, territory_id, need, source, status, amount) VALUES
    ('2018-2022', 'ti-8418', 'attirer', 'pia', 'announced', '0.01');
SELECT * FROM funding_by_region('2018-2022');
SELECT amount FROM funding_region_totals WHERE phase = '2018-2022' AND level = 'status';

-- leave the database as the next tests expect it
DELETE FROM funding;
DELETE FROM territory;
