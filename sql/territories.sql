-- Reference geography and territories: loaders on small fixtures written in
-- the official formats (test/fixtures), the model's checks, the summary
-- view against hand-computed figures, and check_territories.
SET search_path = terrind, public;
\set VERBOSITY default
\set regions `cat test/fixtures/cog/regions.json`
\set departements `cat test/fixtures/cog/departements.json`
\set communes `cat test/fixtures/cog/communes.json`
\set epci `cat test/fixtures/cog/epci.json`
\set ept `cat test/fixtures/cog/ept.json`

-- the COG: counts of what was loaded, then a reload is idempotent
SELECT * FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
SELECT * FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');
SELECT code, type, name, departement, region, parent, siren, population FROM commune ORDER BY code, type;
SELECT g.siren, g.nature, g.population_municipale, array_agg(m.commune ORDER BY m.commune) AS members
FROM groupement g JOIN groupement_member m ON m.groupement = g.siren GROUP BY g.siren, g.nature, g.population_municipale
ORDER BY g.siren;

-- a bad COG is refused whole, every bad element listed
SELECT * FROM load_cog(2026, :'regions', :'departements',
    jsonb_set(jsonb_set(:'communes'::jsonb, '{0,code}', '"20004"'), '{1,siren}', '"216403486"'),
    jsonb_set(jsonb_set(:'epci'::jsonb, '{0,type}', '"SIVOM"'), '{1,membres,0}', '{"code": "65440"}'), :'ept');
SELECT * FROM load_cog(2026, :'regions', '{}', :'communes', :'epci', :'ept');
SELECT count(*) AS communes_still_there FROM commune;

-- a COG that drops a commune removes it; the next load brings it back
SELECT item, loaded FROM load_cog(2027, :'regions', :'departements',
    (SELECT jsonb_agg(c) FROM jsonb_array_elements(:'communes'::jsonb) c WHERE c->>'code' <> '97502'),
    :'epci', :'ept');
SELECT count(*) AS communes, min(cog_year), max(cog_year) FROM commune;
SELECT item, loaded FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept') WHERE item = 'communes';

-- phase 2: ANCT's per-member file (BOM, CRLF, quoted names with commas and quotes)
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
SELECT * FROM load_territories('2023-2027', :'grpt2023');
SELECT phase, id, name, lead_region FROM territory ORDER BY phase, id;
SELECT territory_id, siren, name, nature FROM territory_member ORDER BY territory_id, siren;

-- phase 1: the semicolon-separated file, without nature_juridique (taken from the COG);
-- ti-8413 is another territory in this phase
\set cdc2018 `cat test/fixtures/territories/liste-ti-2018-cdc.csv`
SELECT * FROM load_territories('2018-2022', :'cdc2018');
SELECT phase, territory_id, siren, name, nature FROM territory_member WHERE phase = '2018-2022' ORDER BY 2, 3;

-- the per-commune file: several ids in one cell
\set com2023 `cat test/fixtures/territories/liste-ti-com2023-20240115.csv`
SELECT * FROM load_territory_communes('2023-2027', :'com2023');
SELECT commune, territory_id, commune_name FROM territory_commune ORDER BY commune, territory_id;

-- the BI view, against figures computed by hand from the fixtures:
-- ti-7510 = Pau 1000 + Lescar 200 + Tarbes 800 + Lourdes 300 + Lacq 100
SELECT * FROM territory_summary ORDER BY phase, id;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid = 'territory_summary'::regclass AND attnum > 0 ORDER BY attnum;

SELECT * FROM check_territories('2023-2027');
SELECT * FROM check_territories('2018-2022');

-- all or nothing: every problem reported with its line, nothing changed
\set errors `cat test/fixtures/territories/liste-ti-errors.csv`
SELECT count(*) AS members_before FROM territory_member WHERE phase = '2023-2027';
SELECT * FROM load_territories('2023-2027', :'errors');
SELECT count(*) AS members_after FROM territory_member WHERE phase = '2023-2027';
\set duplicates `cat test/fixtures/territories/liste-ti-duplicates.csv`
SELECT * FROM load_territories('2023-2027', :'duplicates');
SELECT * FROM load_territories('2019-2023', :'grpt2023');
SELECT * FROM load_territories('2023-2027', E'id_ti,lib_ti,siren\nti-7510,"Lacq,200067254\n');
SELECT * FROM load_territories('2023-2027', E'id,lib_ti,siren_groupement,lib_groupement\n');
SELECT * FROM load_territories('2023-2027', '');
SELECT * FROM load_territory_communes('2023-2027', E'insee_com,lib_com,id_ti\n2A004,Ajaccio,ti-9401\n1001,X,ti-7510\n64445,Pau,ti-7510 ;  ; ti-8413\n64445,Pau,ti-7510\n');
SELECT count(*) AS communes_after FROM territory_commune WHERE phase = '2023-2027';

-- reloading a phase replaces its list: ti-8403 and ti-7601 go, the others keep their communes
SELECT * FROM load_territories('2023-2027', E'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-7510,Lacq-Pau-Tarbes,200067254,CA Pau,CA\nti-8413,Plastics Vallée,200042935,Haut-Bugey,CA\nti-8402,Bresse,200071173,Bourg,CA\n');
SELECT id, name FROM territory WHERE phase = '2023-2027' ORDER BY id;
SELECT count(*) AS commune_links_kept FROM territory_commune WHERE phase = '2023-2027';
SELECT * FROM territory_summary WHERE phase = '2023-2027' ORDER BY id;

-- the model refuses impossible rows
INSERT INTO territory (phase, id, name) VALUES ('2030-2034', 'ti-7510', 'X');
INSERT INTO territory (phase, id, name) VALUES ('2023-2027', 'ti-9910', 'X');
INSERT INTO territory_member VALUES ('2023-2027', 'ti-7599', '200067254', 'X', 'CA');
INSERT INTO territory_member VALUES ('2023-2027', 'ti-7510', '200067254', 'X', 'SIVU');
INSERT INTO commune (code, type, name, departement, region, cog_year) VALUES ('64445', 'commune-actuelle', 'Pau bis', '65', '76', 2026);
INSERT INTO commune (code, type, name, departement, region, cog_year) VALUES ('64999', 'commune-actuelle', 'X', '64', '76', 2026);

-- csv_records and input_error as users may call them
SELECT * FROM csv_records(E'\uFEFFa;b\r\n"x;y";"say ""hi"""\r\n\r\nlast;\r\n');
SELECT * FROM csv_records(E'a,b\n"never closed\n');
SELECT v, input_error(v, 'siren') FROM unnest(ARRAY['732829320', '732829321', '']) v;
SELECT input_error('64445', 'commune_code'), input_error('1,5 M€', 'eur'), input_error('ti-99', 'ti_code');
SELECT input_error('1', 'integer');
