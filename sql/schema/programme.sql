
-- ======================================================================
-- The programme as ANCT publishes it: one GeoJSON file per phase holding
-- every territory with its name, its members (SIREN) and its polygon,
-- loaded whole by load_programme; and the two phases compared by member
-- overlap (phase_continuity).
-- ======================================================================

-- ANCT's phase-1 file draws single-commune members as points beside the
-- EPCI polygons (GeometryCollection, MultiPoint, Point): keep the polygons.
CREATE FUNCTION @extschema@.programme_polygons(geometry jsonb)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE
        WHEN $1->>'type' IN ('Point', 'MultiPoint') THEN NULL
        WHEN $1->>'type' IS DISTINCT FROM 'GeometryCollection' OR jsonb_typeof($1->'geometries') IS DISTINCT FROM 'array'
             OR EXISTS (SELECT 1 FROM jsonb_array_elements($1->'geometries') g(v)
                        WHERE g.v->>'type' IS DISTINCT FROM 'Polygon' AND g.v->>'type' IS DISTINCT FROM 'MultiPolygon'
                          AND g.v->>'type' IS DISTINCT FROM 'Point' AND g.v->>'type' IS DISTINCT FROM 'MultiPoint')
            THEN $1             -- left for feature_geometry to accept or reject
        ELSE (SELECT CASE WHEN count(*) > 0 THEN
                          jsonb_build_object('type', 'MultiPolygon', 'coordinates', jsonb_agg(p.c ORDER BY g.n, p.n)) END
              FROM jsonb_array_elements($1->'geometries') WITH ORDINALITY g(v, n)
              CROSS JOIN LATERAL (
                  SELECT g.v->'coordinates', 1::bigint WHERE g.v->>'type' = 'Polygon'
                  UNION ALL
                  SELECT e.c, e.n FROM jsonb_array_elements(CASE WHEN g.v->>'type' = 'MultiPolygon'
                                                                 AND jsonb_typeof(g.v->'coordinates') = 'array'
                                                            THEN g.v->'coordinates' ELSE '[]' END) WITH ORDINALITY e(c, n)
              ) p(c, n))
        END
$$;
COMMENT ON FUNCTION @extschema@.programme_polygons(jsonb) IS 'used by load_programme: the polygons of a GeoJSON geometry as ANCT''s phase-1 file draws a territory (Polygons and MultiPolygons of a GeometryCollection as one MultiPolygon, its Points dropped; NULL for a Point, a MultiPoint or a collection of points: single communes); any other geometry unchanged, for feature_geometry to accept or reject';

CREATE FUNCTION @extschema@.load_programme(phase text, doc jsonb)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    p constant text := load_programme.phase;
    loader constant text := format('load_programme(%L)', p);
    problems text[];
    repairs text[];
    missing text[];
    total bigint;
BEGIN
    IF doc IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_programme: doc must not be NULL';
    END IF;
    PERFORM lock_phase_list(p, 'load_programme');
    IF to_regclass('pg_temp.terrind_programme_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_programme_rows, pg_temp.terrind_programme_members;
    END IF;

    -- one row per feature: id, name, checked polygon (points dropped)
    CREATE TEMP TABLE terrind_programme_rows ON COMMIT DROP AS
    SELECT f.n, f.geom, f.problem, f.repaired, f.properties, o.geometry_type,
           nullif(btrim(coalesce(f.properties->>'id_territoire', f.properties->>'id_ti')), '') AS id,
           nullif(btrim(coalesce(f.properties->>'lib_territoire', f.properties->>'lib_ti')), '') AS name,
           i.id_error, CASE WHEN i.id_error IS NULL THEN btrim(coalesce(f.properties->>'id_territoire', f.properties->>'id_ti'))::ti_code END AS tid
    FROM geojson_features(
             CASE WHEN jsonb_typeof(doc->'features') = 'array' THEN
                 jsonb_set(doc, '{features}', (SELECT coalesce(jsonb_agg(
                     CASE WHEN jsonb_typeof(e.f) = 'object' AND e.f ? 'geometry'
                          THEN jsonb_set(e.f, '{geometry}', coalesce(programme_polygons(e.f->'geometry'), 'null'))
                          ELSE e.f END ORDER BY e.n), '[]')
                     FROM jsonb_array_elements(doc->'features') WITH ORDINALITY e(f, n)))
             ELSE doc END, loader) f
    CROSS JOIN LATERAL (SELECT doc->'features'->(f.n - 1)->'geometry'->>'type' AS geometry_type) o
    CROSS JOIN LATERAL (SELECT input_error(btrim(coalesce(f.properties->>'id_territoire', f.properties->>'id_ti')), 'terrind.ti_code') AS id_error) i;

    -- one row per member: SIREN, name from the file (else the COG's), and
    -- the nature the file does not state: the COG's, or COM for a commune SIREN
    CREATE TEMP TABLE terrind_programme_members ON COMMIT DROP AS
    SELECT m.n, m.id, m.tid, m.pos, m.siren, m.sid, m.error, m.siren_error,
           coalesce(m.name, g.name, c.name) AS name,
           coalesce(g.nature, CASE WHEN c.siren IS NOT NULL OR m.siren LIKE '21%' THEN 'COM' END) AS nature
    FROM (SELECT r.n, r.id, r.tid, l.pos, l.siren, l.name, l.error, e.siren_error,
                 CASE WHEN e.siren_error IS NULL THEN l.siren::siren END AS sid
          FROM pg_temp.terrind_programme_rows r
          CROSS JOIN LATERAL polygon_members(r.properties) l
          CROSS JOIN LATERAL (SELECT input_error(l.siren, 'terrind.siren') AS siren_error) e) m
    LEFT JOIN groupement g ON g.siren = m.sid
    LEFT JOIN commune c ON c.siren = m.sid AND c.type = 'commune-actuelle';

    SELECT count(*) INTO total FROM pg_temp.terrind_programme_rows;
    WITH problem AS (
        -- a feature drawn only as points (single communes) has no polygon, and that is not a problem
        SELECT n, problem AS what FROM pg_temp.terrind_programme_rows
        WHERE problem IS NOT NULL
          AND NOT (problem = 'no geometry' AND geometry_type IN ('Point', 'MultiPoint', 'GeometryCollection'))
        UNION ALL
        SELECT n, coalesce('id: ' || id_error, 'no id_territoire (phase 2 format) or id_ti (phase 1 format)')
        FROM pg_temp.terrind_programme_rows WHERE id IS NULL OR id_error IS NOT NULL
        UNION ALL
        SELECT n, 'no lib_territoire (phase 2 format) or lib_ti (phase 1 format)' FROM pg_temp.terrind_programme_rows WHERE name IS NULL
        UNION ALL
        SELECT n, 'no members: expected liste_geo (phase 2 format) or siren_groupement (phase 1 format)'
        FROM pg_temp.terrind_programme_rows r WHERE NOT EXISTS (SELECT 1 FROM pg_temp.terrind_programme_members m WHERE m.n = r.n)
        UNION ALL
        SELECT n, coalesce(error, format('member SIREN %s: %s', siren, siren_error))
        FROM pg_temp.terrind_programme_members WHERE error IS NOT NULL OR siren_error IS NOT NULL
        UNION ALL
        SELECT n, format('member %s: no name (lib_groupement does not pair with siren_groupement) and not in the loaded COG', siren)
        FROM pg_temp.terrind_programme_members WHERE error IS NULL AND siren_error IS NULL AND name IS NULL
        UNION ALL
        SELECT n, format('member %s listed again', siren)
        FROM (SELECT n, siren, pos, min(pos) OVER (PARTITION BY n, sid) AS first_pos
              FROM pg_temp.terrind_programme_members WHERE sid IS NOT NULL AND error IS NULL) d
        WHERE pos > first_pos
        UNION ALL
        SELECT n, format('territory %s already at feature %s', id, first_n)
        FROM (SELECT n, id, min(n) OVER (PARTITION BY tid) AS first_n
              FROM pg_temp.terrind_programme_rows WHERE tid IS NOT NULL) d
        WHERE n > first_n
    )
    SELECT array_agg(format('feature %s: %s', n, what) ORDER BY n, what) INTO problems FROM problem;
    PERFORM reject_features(loader, problems, total);

    -- a territory the new file drops must not take funding lines with it
    SELECT array_agg(format('%s (%s): %s funding line%s, %s', t.id, t.name, f.lines,
                            CASE WHEN f.lines > 1 THEN 's' ELSE '' END, format_eur(f.amount)) ORDER BY t.id) INTO problems
    FROM territory t
    CROSS JOIN LATERAL (SELECT count(*) AS lines, sum(x.amount) AS amount FROM funding x
                        WHERE x.phase = p AND x.territory_id = t.id) f
    WHERE t.phase = p AND f.lines > 0
      AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_programme_rows r WHERE r.tid = t.id);
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '23503',
            MESSAGE = format('%s: %s absent from the new file ha%s funding lines, nothing loaded', loader,
                             CASE WHEN cardinality(problems) > 1 THEN cardinality(problems) || ' territories' ELSE '1 territory' END,
                             CASE WHEN cardinality(problems) > 1 THEN 've' ELSE 's' END),
            DETAIL = array_to_string(problems, E'\n'),
            HINT = 'Move their lines to the territories that succeed them (UPDATE terrind.funding SET territory_id = …) or delete them, then load the file again.';
    END IF;
    SELECT array_agg(format('feature %s (%s): %s', n, id, repaired) ORDER BY n) INTO repairs
    FROM pg_temp.terrind_programme_rows WHERE repaired IS NOT NULL;
    PERFORM report_repairs(loader, repairs);

    -- the phase's list replaced: territories updated in place (their
    -- funding lines and commune lists stay attached), members replaced
    INSERT INTO territory (phase, id, name)
    SELECT p, r.tid, r.name FROM pg_temp.terrind_programme_rows r
    ON CONFLICT ON CONSTRAINT territory_pkey DO UPDATE SET name = EXCLUDED.name;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories'; loaded := total; RETURN NEXT;
    DELETE FROM territory t
    WHERE t.phase = p AND NOT EXISTS (SELECT 1 FROM pg_temp.terrind_programme_rows r WHERE r.tid = t.id);
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'territories removed'; loaded := total; RETURN NEXT;
    DELETE FROM territory_member m WHERE m.phase = p;
    INSERT INTO territory_member (phase, territory_id, siren, name, nature)
    SELECT p, m.tid, m.sid, m.name, m.nature FROM pg_temp.terrind_programme_members m;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'members'; loaded := total; RETURN NEXT;
    item := 'members of unknown nature (absent from the loaded COG)';
    loaded := (SELECT count(*) FROM pg_temp.terrind_programme_members m WHERE m.nature IS NULL); RETURN NEXT;

    CREATE TEMP TABLE terrind_new_geometries ON COMMIT DROP AS
    SELECT r.tid AS id, r.geom FROM pg_temp.terrind_programme_rows r WHERE r.geom IS NOT NULL;
    missing := ARRAY(SELECT format('%s (%s): no polygon in the file (drawn as points)', r.id, r.name)
                     FROM pg_temp.terrind_programme_rows r WHERE r.geom IS NULL ORDER BY r.id);
    item := 'territory polygons'; loaded := store_territory_geometries(p, 'anct', missing); RETURN NEXT;
    item := 'territories drawn only as points (no polygon)'; loaded := cardinality(missing); RETURN NEXT;
    item := 'repaired with ST_MakeValid'; loaded := coalesce(cardinality(repairs), 0); RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_programme(text, jsonb) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_programme(text, jsonb) IS 'load ANCT''s official GeoJSON file of a phase whole (phase 2: id_territoire, lib_territoire, liste_geo "Name (SIREN); …"; phase 1: id_ti, lib_ti, lib_groupement, siren_groupement "SIREN, SIREN"): replaces the phase''s territories, names, members (nature from the loaded COG, COM for a commune SIREN, NULL when the COG does not know the member: check_territories reports it) and territory geometries (polygons; points, as phase 1 draws single communes, dropped); all or nothing, every problem reported with its feature number; 23503 if territories the file drops have funding lines';

-- ----------------------------------------------------------------------
-- The phases compared by member overlap.  Each territory of the later
-- phase is paired with the territory of the earlier phase that shares the
-- most members with it (SIREN); with s shared members out of m (its own)
-- and p (the predecessor's):
--   new          s = 0: none of its members was in a territory before;
--   renewed      s/m >= 2/3 and s/p >= 2/3: two thirds of its members come
--                from the predecessor, which keeps two thirds of its own;
--   reconfigured otherwise.
-- Since no member belongs to two territories of a phase, a predecessor
-- renews at most one territory.
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.phase_continuity(earlier text DEFAULT '2018-2022', later text DEFAULT '2023-2027')
RETURNS TABLE (id text, name text, outcome text, predecessor text, predecessor_name text,
               members int, predecessor_members int, shared_members int,
               share_from_predecessor float8, share_of_predecessor_kept float8, explanation text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    WITH later_members AS (
        SELECT m.territory_id, m.siren, count(*) OVER (PARTITION BY m.territory_id) AS n
        FROM territory_member m WHERE m.phase = checked_phase($2)
    ), earlier_members AS (
        SELECT m.territory_id, m.siren, count(*) OVER (PARTITION BY m.territory_id) AS n
        FROM territory_member m WHERE m.phase = checked_phase($1)
    ), pairs AS (
        SELECT l.territory_id AS id, e.territory_id AS predecessor, max(l.n) AS m, max(e.n) AS p, count(*) AS s
        FROM later_members l JOIN earlier_members e ON e.siren = l.siren
        GROUP BY l.territory_id, e.territory_id
    ), best AS (
        SELECT DISTINCT ON (x.id) x.* FROM pairs x
        ORDER BY x.id, x.s DESC, x.s::float8 / x.p DESC, x.predecessor
    )
    SELECT t.id::text, t.name, o.outcome, b.predecessor::text, e.name,
           coalesce(b.m, (SELECT count(*) FROM territory_member m WHERE m.phase = $2 AND m.territory_id = t.id))::int,
           b.p::int, coalesce(b.s, 0)::int,
           coalesce(b.s::float8 / b.m, 0), b.s::float8 / b.p,
           CASE o.outcome
               WHEN 'new' THEN format('none of its members was in a territory of %s', $1)
               ELSE format('%s of its %s members come from %s (%s), which keeps %s of its %s: %s', b.s, b.m,
                           b.predecessor, e.name, b.s, b.p,
                           CASE o.outcome WHEN 'renewed' THEN 'both shares reach two thirds'
                                          ELSE 'a share below two thirds' END) END
    FROM territory t
    LEFT JOIN best b ON b.id = t.id
    LEFT JOIN territory e ON e.phase = $1 AND e.id = b.predecessor
    CROSS JOIN LATERAL (SELECT CASE WHEN b.s IS NULL THEN 'new'
                                    WHEN 3 * b.s >= 2 * b.m AND 3 * b.s >= 2 * b.p THEN 'renewed'
                                    ELSE 'reconfigured' END AS outcome) o
    WHERE t.phase = checked_phase($2) AND checked_phase($1) IS NOT NULL
    ORDER BY t.id
$$;
COMMENT ON FUNCTION @extschema@.phase_continuity(text, text) IS 'each territory of the later phase paired with the territory of the earlier phase sharing most of its members (SIREN): new when none of its members was in the earlier phase; renewed when it takes at least two thirds of its members from that predecessor and the predecessor keeps at least two thirds of its own in it; reconfigured otherwise; with the counts and shares used and a sentence saying why; 22023 for an unknown phase';
