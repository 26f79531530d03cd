-- ILLUSTRATIVE territory lists, generated deterministically from the real
-- EPCI list of the loaded COG: no official list ships with terrind.  They
-- are written in ANCT's published formats and loaded through the same
-- loaders as the real files.  Sets psql variables members_p1, members_p2
-- (per-member CSV) and communes_p2 (per-commune CSV).
SET search_path = terrind, public;

-- each intercommunality (CC, CA, CU: no métropole) with the département
-- holding most of its population
CREATE TEMP TABLE demo_epci AS
SELECT e.*, d.region
FROM (SELECT g.siren, g.name, g.nature,
             (SELECT c.departement FROM groupement_member gm
              JOIN commune c ON c.code = gm.commune AND c.type = gm.commune_type
              WHERE gm.groupement = g.siren
              GROUP BY c.departement ORDER BY sum(c.population) DESC NULLS LAST, c.departement LIMIT 1) AS dep
      FROM groupement g WHERE g.nature IN ('CC', 'CA', 'CU')) e
JOIN departement d ON d.code = e.dep;

-- territories of a phase: neighbours in a département grouped by up to
-- three, then `wanted` groups chosen with a seeded hash; ids numbered
-- within the lead region
CREATE FUNCTION pg_temp.demo_members(seed text, wanted int)
RETURNS TABLE (id text, territory text, siren text, member text, nature text)
LANGUAGE sql AS $$
    WITH ranked AS (
        SELECT e.*, (row_number() OVER (PARTITION BY dep ORDER BY md5(siren::text || seed)) - 1) / 3 AS grp
        FROM demo_epci e
    ), groups AS (
        SELECT dep, grp, min(region) AS region FROM ranked GROUP BY dep, grp
        ORDER BY md5(dep || grp || seed) LIMIT wanted
    ), numbered AS (
        SELECT g.*, row_number() OVER (PARTITION BY region ORDER BY dep, grp) AS n FROM groups g
    )
    SELECT format('ti-%s%s', n.region, lpad(n.n::text, 2, '0')),
           'Territoire illustratif ' || (SELECT r.name FROM ranked r WHERE r.dep = n.dep AND r.grp = n.grp
                                          ORDER BY r.nature DESC, r.name LIMIT 1),
           r.siren::text, r.name, r.nature
    FROM numbered n JOIN ranked r ON r.dep = n.dep AND r.grp = n.grp
    WHERE n.n <= 99
$$;

CREATE FUNCTION pg_temp.csv_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT '"' || replace(v, '"', '""') || '"' $$;

-- phase 2 adds three situations real lists contain, to show what
-- check_territories reports: a territory across two regions, a single
-- commune that also lies in another territory, and a SIREN gone stale
CREATE TEMP TABLE demo_p2 AS SELECT * FROM pg_temp.demo_members('phase 2', 183);
INSERT INTO demo_p2
SELECT (SELECT min(id) FROM demo_p2 WHERE id LIKE 'ti-75%'), NULL, e.siren::text, e.name, e.nature
FROM demo_epci e
WHERE e.region = '76' AND e.siren::text NOT IN (SELECT siren FROM demo_p2)
ORDER BY e.dep DESC, e.siren LIMIT 1;
INSERT INTO demo_p2
SELECT (SELECT max(id) FROM demo_p2 WHERE id LIKE 'ti-84%'), NULL, c.siren::text, c.name, 'COM'
FROM commune c JOIN groupement_member gm ON gm.commune = c.code
JOIN demo_p2 p ON p.siren = gm.groupement::text
WHERE p.id = (SELECT min(id) FROM demo_p2 WHERE id LIKE 'ti-84%') AND c.type = 'commune-actuelle'
ORDER BY c.population DESC NULLS LAST, c.code LIMIT 1;
INSERT INTO demo_p2
SELECT (SELECT min(id) FROM demo_p2 WHERE id LIKE 'ti-44%'), NULL, '200000016', 'CC des Trois Vallées (fusionnée)', 'CC';
UPDATE demo_p2 p SET territory = (SELECT max(territory) FROM demo_p2 q WHERE q.id = p.id) WHERE territory IS NULL;

-- ANCT's current files: comma-separated UTF-8 with a byte order mark and CRLF
SELECT E'\uFEFF' || 'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique' || E'\r\n' ||
       string_agg(concat_ws(',', id, pg_temp.csv_field(territory), siren, pg_temp.csv_field(member), nature),
                  E'\r\n' ORDER BY id, siren) || E'\r\n' AS members_p2
FROM demo_p2 \gset

-- the per-commune file: one line per commune, several ids in one cell
SELECT E'\uFEFF' || 'insee_com,lib_com,id_ti,lib_ti' || E'\r\n' ||
       string_agg(concat_ws(',', code, pg_temp.csv_field(name), pg_temp.csv_field(ids), pg_temp.csv_field(names)),
                  E'\r\n' ORDER BY code) || E'\r\n' AS communes_p2
FROM (SELECT code::text AS code, name, string_agg(DISTINCT id, ' ; ') AS ids,
             string_agg(DISTINCT territory, ' ; ') AS names
      FROM (SELECT c.code, c.name, p.id, p.territory
            FROM demo_p2 p
            JOIN groupement_member gm ON gm.groupement = p.siren::siren
            JOIN commune c ON c.code = gm.commune AND c.type = gm.commune_type
            UNION
            SELECT c.code, c.name, p.id, p.territory
            FROM demo_p2 p JOIN commune c ON c.siren = p.siren::siren AND c.type = 'commune-actuelle') covered
      GROUP BY code, name) x \gset

-- the Caisse des Dépôts' phase-1 file: semicolon-separated, LF
SELECT 'id_ti;lib_ti;siren_groupement;lib_groupement;nature_juridique' || E'\n' ||
       string_agg(concat_ws(';', id, pg_temp.csv_field(territory), siren, pg_temp.csv_field(member), nature),
                  E'\n' ORDER BY id, siren) || E'\n' AS members_p1
FROM pg_temp.demo_members('phase 1', 149) \gset
