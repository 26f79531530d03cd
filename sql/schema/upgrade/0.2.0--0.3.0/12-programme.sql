
-- ======================================================================
-- Issue 12, the real programme.
-- gini_specialisation: ANCT's definition (specificite::gini_spe), the whole
-- area as reference; the C function changed, the state did not.
-- ======================================================================
COMMENT ON FUNCTION @extschema@.gini_specialisation_final(@extschema@.specialisation_state) IS 'gini_specialisation() final: the coefficient, NULL without sectors or zone jobs';
COMMENT ON AGGREGATE @extschema@.gini_specialisation(pg_catalog.float8, pg_catalog.float8) IS
    'Gini specialisation coefficient of a zone over its sectors (one row per sector: x_ik zone jobs, x_k area jobs) as ANCT computes it (R package specificite, gini_spe): the weighted Gini (reldist::gini) of the location quotients (x_ik/X(i)) / (x_k/X) weighted by x_k/X, the whole area as reference; in [0, 1); rows with a NULL are skipped; NULL without rows or zone jobs';

-- territory_member.nature: NULL when ANCT's GeoJSON (load_programme) does
-- not say it and the loaded COG does not know the member
ALTER TABLE @extschema@.territory_member ALTER COLUMN nature DROP NOT NULL;
COMMENT ON COLUMN @extschema@.territory_member.nature IS 'nature juridique: COM (a commune), EPT, CC, CA, CU, METRO or MET69; NULL when the file loaded (load_programme) does not say it and the loaded COG does not know the member';

-- polygon_members: phase-1 names holding a comma pair up with their SIRENs
DROP FUNCTION @extschema@.polygon_members(jsonb);
CREATE FUNCTION @extschema@.polygon_members(properties jsonb)
RETURNS TABLE (pos int, siren text, name text, error text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT l.n::int, btrim(m[2]), nullif(btrim(m[1]), ''),
           CASE WHEN m IS NULL THEN format('liste_geo item %L: expected "Name (SIREN)"', btrim(l.item)) END
    FROM regexp_split_to_table(properties->>'liste_geo', ';') WITH ORDINALITY l(item, n)
    LEFT JOIN LATERAL regexp_match(l.item, '^(.*)\(\s*([0-9][0-9 ]*)\s*\)\s*$') m ON true
    WHERE btrim(l.item) <> ''
    UNION ALL
    SELECT s.n::int, btrim(s.siren),
           CASE WHEN cardinality(y.names) = cardinality(x.sirens) THEN nullif(btrim(y.names[s.n]), '') END, NULL
    FROM (SELECT regexp_split_to_array(properties->>'siren_groupement', '[,;]') AS sirens,
                 ARRAY(SELECT btrim(piece) FROM regexp_split_to_table(properties->>'lib_groupement', '[,;]') piece) AS pieces
          WHERE NOT properties ? 'liste_geo') x
    CROSS JOIN LATERAL (
        SELECT CASE WHEN cardinality(x.pieces) <= cardinality(x.sirens) THEN x.pieces ELSE
            ARRAY(SELECT string_agg(u.piece, ', ' ORDER BY u.k)
                  FROM (SELECT piece, k, count(*) FILTER (WHERE k = 1 OR piece ~ '^(CC|CA|CU|EPT)\M') OVER (ORDER BY k) AS part
                        FROM unnest(x.pieces) WITH ORDINALITY v(piece, k)) u
                  GROUP BY u.part ORDER BY u.part) END) y(names)
    CROSS JOIN LATERAL unnest(x.sirens) WITH ORDINALITY s(siren, n)
    WHERE btrim(s.siren) <> ''
$$;
COMMENT ON FUNCTION @extschema@.polygon_members(jsonb) IS 'members listed in the properties of an ANCT territory polygon: liste_geo "Name (SIREN); …" (phase 2) or siren_groupement "SIREN, SIREN" with the names of lib_groupement (phase 1; a piece not beginning with CC, CA, CU or EPT continues the previous name when there are more pieces than SIRENs); error says why an item is unreadable';
