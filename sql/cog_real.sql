-- The real COG: the pinned @etalab/decoupage-administratif package
-- (scripts/fetch-cog.sh downloads and checks it) loads whole and matches
-- what the identifier functions compute by form alone.
SET search_path = terrind, public;
\set cog `scripts/fetch-cog.sh`
\set regions `cat :'cog'/regions.json`
\set departements `cat :'cog'/departements.json`
\set communes `cat :'cog'/communes.json`
\set epci `cat :'cog'/epci.json`
\set ept `cat :'cog'/ept.json`
SELECT * FROM load_cog(2026, :'regions', :'departements', :'communes', :'epci', :'ept');

SELECT type, count(*) FROM commune GROUP BY type ORDER BY type;
SELECT nature, count(*), sum(population_municipale) AS population FROM groupement GROUP BY nature ORDER BY nature;
SELECT zone, count(*) FROM region GROUP BY zone ORDER BY zone;
-- every commune's département and region as the code alone says (associated
-- communes aside; collectivités d'outre-mer have no region)
SELECT count(*) AS communes_checked,
       count(*) FILTER (WHERE departement_of(code) <> departement) AS departement_differs,
       count(*) FILTER (WHERE coalesce(region_of(code), departement_of(code)) <> region) AS region_differs
FROM commune WHERE type <> 'commune-associee';
-- every current commune outside the collectivités belongs to one EPCI,
-- communes of the Grand Paris also to an EPT
SELECT count(*) FILTER (WHERE n_epci = 1) AS in_one_epci, count(*) FILTER (WHERE n_epci <> 1) AS not_in_one_epci,
       count(*) FILTER (WHERE n_ept = 1) AS in_an_ept
FROM (SELECT c.code,
             count(*) FILTER (WHERE g.nature <> 'EPT') AS n_epci, count(*) FILTER (WHERE g.nature = 'EPT') AS n_ept
      FROM commune c
      LEFT JOIN groupement_member m ON m.commune = c.code
      LEFT JOIN groupement g ON g.siren = m.groupement
      WHERE c.type = 'commune-actuelle' AND c.region NOT IN (SELECT code FROM region WHERE zone = 'com')
        AND c.code NOT IN ('22016', '29083', '29155', '85113')   -- island communes outside any EPCI
      GROUP BY c.code) x;
SELECT code, name, population FROM commune WHERE code IN ('75056', '13055', '69123') AND type = 'commune-actuelle' ORDER BY code;
SELECT count(*) AS paris_arrondissements FROM commune WHERE type = 'arrondissement-municipal' AND parent = '75056';
