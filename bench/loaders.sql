-- Loaders: the full COG (37 590 communes, 1 266 EPCI and EPT) from the
-- pinned npm package, a 700-member territory list in ANCT's format, and
-- ANCT's official file of each phase (data/anct/, sha256 checked by run.sh)
-- loaded whole by load_programme.
-- No plain-SQL baseline here: the figure is compared with its time budget.
SET search_path = terrind, public;
\set regions `cat :'cog'/regions.json`
\set departements `cat :'cog'/departements.json`
\set communes `cat :'cog'/communes.json`
\set epci `cat :'cog'/epci.json`
\set ept `cat :'cog'/ept.json`
SELECT format('SELECT * FROM terrind.load_cog(2026, %L, %L, %L, %L, %L)',
              :'regions', :'departements', :'communes', :'epci', :'ept') AS load_cog \gset
SELECT bench.record('loaders', 'load_cog, full COG 2026', bench.time_ms(:'load_cog', 3), 10000, 'ms',
                    '<= 1', 'baseline = the 10 s budget; runs replace the same data');

-- 700 members: every EPCI of the COG in turn, four to a territory
SELECT 'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique' || E'\n' ||
       string_agg(format('ti-%s%s,"Territoire %s",%s,"%s",%s',
                         (ARRAY['11','24','27','28','32','44','52','53','75','76','84','93'])[1 + (n / 4) % 12],
                         lpad((1 + n / 48)::text, 2, '0'), n / 4, siren, replace(name, '"', '""'), nature),
                  E'\n' ORDER BY n) AS list
FROM (SELECT row_number() OVER (ORDER BY siren) - 1 AS n, siren, name, nature
      FROM groupement WHERE nature <> 'EPT' LIMIT 700) g \gset
SELECT format('SELECT * FROM terrind.load_territories(%L, %L)', '2023-2027', :'list') AS load_list \gset
SELECT bench.record('loaders', 'load_territories, 700 members', bench.time_ms(:'load_list', 3), 1000, 'ms',
                    '<= 1', 'baseline = a 1 s budget');

-- each official file whole: territories, members, polygons (with the COG loaded)
\set p2 `cat :'anct'/territoires-industrie-2023-2027.geojson`
\set p1 `cat :'anct'/territoires-industrie-2018-2022.geojson`
SELECT format('SELECT * FROM terrind.load_programme(%L, %L)', '2023-2027', :'p2') AS load_p2 \gset
SELECT format('SELECT * FROM terrind.load_programme(%L, %L)', '2018-2022', :'p1') AS load_p1 \gset
SELECT bench.record('loaders', 'load_programme, ANCT file 2023-2027 (183 territories, 641 members)',
                    bench.time_ms(:'load_p2', 3), 2000, 'ms', '<= 1', 'baseline = the 2 s budget');
SELECT bench.record('loaders', 'load_programme, ANCT file 2018-2022 (149 territories, 588 members)',
                    bench.time_ms(:'load_p1', 3), 2000, 'ms', '<= 1', 'baseline = the 2 s budget');

-- leave no territories behind for the suites that follow
DELETE FROM terrind.territory;
