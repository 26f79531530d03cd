
-- ----------------------------------------------------------------------
-- Issue 15, clients: terrind as analysts, BI tools and drivers use it.
-- ----------------------------------------------------------------------

-- Operators, and the aggregates that extend a built-in name (sum, avg, min,
-- max), move to pg_catalog, which every search_path searches: a client with
-- the default search_path writes t.id = f.territory_id and sum(amount).
-- Each has a terrind type among its arguments, so none can capture a
-- built-in call.  (No @extschema@ in the body: members found by extension.)
DO $move$
DECLARE
    member record;
BEGIN
    FOR member IN
        SELECT d.classid::pg_catalog.regclass AS catalog, d.objid
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
        WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
          AND e.extname = 'terrind' AND d.deptype = 'e'
          AND d.classid IN ('pg_catalog.pg_operator'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass)
    LOOP
        IF member.catalog = 'pg_catalog.pg_operator'::pg_catalog.regclass THEN
            EXECUTE pg_catalog.format('ALTER OPERATOR %s SET SCHEMA pg_catalog',
                                      member.objid::pg_catalog.regoperator);
        ELSIF EXISTS (SELECT FROM pg_catalog.pg_proc p
                      WHERE p.oid = member.objid AND p.prokind = 'a'
                        AND p.proname IN ('sum', 'avg', 'min', 'max')) THEN
            EXECUTE pg_catalog.format('ALTER AGGREGATE %s SET SCHEMA pg_catalog',
                                      member.objid::pg_catalog.regprocedure);
        END IF;
    END LOOP;
END
$move$;

-- eur among the numbers: category N (so that CASE and UNION mix it with
-- numeric), an implicit cast to numeric, a cast to float8, smallint input
UPDATE pg_catalog.pg_type SET typcategory = 'N'
WHERE oid = pg_catalog.pg_typeof(NULL::@extschema@.eur);

DROP CAST (@extschema@.eur AS pg_catalog.numeric);
CREATE CAST (@extschema@.eur AS pg_catalog.numeric) WITH FUNCTION @extschema@.numeric(@extschema@.eur) AS IMPLICIT;
COMMENT ON CAST (@extschema@.eur AS pg_catalog.numeric) IS 'exact, 2 decimals; implicit, so that amounts compare and combine with numbers';

CREATE FUNCTION @extschema@.eur(pg_catalog.int2) RETURNS @extschema@.eur
    AS 'MODULE_PATHNAME', 'eur_from_int2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.float8(@extschema@.eur) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'eur_to_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eur(pg_catalog.int2) IS 'whole euros as an amount (drivers send small integers as smallint)';
COMMENT ON FUNCTION @extschema@.float8(@extschema@.eur) IS 'amount in euros as the nearest double precision (for charts, not sums)';
CREATE CAST (pg_catalog.int2 AS @extschema@.eur) WITH FUNCTION @extschema@.eur(pg_catalog.int2) AS ASSIGNMENT;
CREATE CAST (@extschema@.eur AS pg_catalog.float8) WITH FUNCTION @extschema@.float8(@extschema@.eur);
COMMENT ON CAST (pg_catalog.int2 AS @extschema@.eur) IS 'whole euros';
COMMENT ON CAST (@extschema@.eur AS pg_catalog.float8) IS 'nearest double precision (explicit: floats do not keep cents exact)';

-- identifiers meet text and varchar (psycopg's str, JDBC's setString):
-- implicit casts from both, checked like input (22P02); eur takes varchar
-- by assignment, like text
DROP CAST (pg_catalog.text AS @extschema@.siren);
DROP CAST (pg_catalog.text AS @extschema@.siret);
DROP CAST (pg_catalog.text AS @extschema@.commune_code);
DROP CAST (pg_catalog.text AS @extschema@.ti_code);
DROP CAST (pg_catalog.text AS @extschema@.need);
CREATE CAST (pg_catalog.text AS @extschema@.siren) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.text AS @extschema@.siret) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.text AS @extschema@.commune_code) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.text AS @extschema@.ti_code) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.text AS @extschema@.need) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.varchar AS @extschema@.siren) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.varchar AS @extschema@.siret) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.varchar AS @extschema@.commune_code) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.varchar AS @extschema@.ti_code) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.varchar AS @extschema@.need) WITH INOUT AS IMPLICIT;
CREATE CAST (pg_catalog.varchar AS @extschema@.eur) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (pg_catalog.text AS @extschema@.siren) IS 'parse text as siren (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.text AS @extschema@.siret) IS 'parse text as siret (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.text AS @extschema@.commune_code) IS 'parse text as commune_code (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.text AS @extschema@.ti_code) IS 'parse text as ti_code (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.text AS @extschema@.need) IS 'parse text as need (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.text AS @extschema@.eur) IS 'parse text as eur (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.varchar AS @extschema@.siren) IS 'parse varchar as siren (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.varchar AS @extschema@.siret) IS 'parse varchar as siret (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.varchar AS @extschema@.commune_code) IS 'parse varchar as commune_code (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.varchar AS @extschema@.ti_code) IS 'parse varchar as ti_code (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.varchar AS @extschema@.need) IS 'parse varchar as need (same checks as input, 22P02)';
COMMENT ON CAST (pg_catalog.varchar AS @extschema@.eur) IS 'parse varchar as eur (same checks as input, 22P02)';

-- BI views with plain types: money as numeric only in the funding_*_totals
-- views (amount_eur, an eur, is gone: JDBC and pandas read it as an opaque
-- string, QGIS drops it).
DROP VIEW @extschema@.funding_source_totals;
DROP VIEW @extschema@.funding_region_totals;
DROP VIEW @extschema@.funding_territory_totals;

CREATE VIEW @extschema@.funding_territory_totals AS
SELECT f.phase,
       CASE GROUPING(f.territory_id, f.need) WHEN 0 THEN 'territory, need, status' WHEN 1 THEN 'territory, status'
                                             WHEN 2 THEN 'need, status' ELSE 'status' END AS level,
       f.territory_id::text AS territory_id, t.name AS territory_name, t.lead_region,
       f.need::text AS need, @extschema@.need_label(f.need) AS need_label,
       f.status, s.position AS status_position,
       count(*) AS lines, pg_catalog.sum(f.amount)::numeric(19,2) AS amount
FROM @extschema@.funding f
JOIN @extschema@.territory t ON t.phase = f.phase AND t.id OPERATOR(pg_catalog.=) f.territory_id
JOIN @extschema@.funding_status s ON s.status = f.status
GROUP BY GROUPING SETS ((f.phase, f.status, s.position, f.territory_id, t.name, t.lead_region, f.need),
                        (f.phase, f.status, s.position, f.territory_id, t.name, t.lead_region),
                        (f.phase, f.status, s.position, f.need),
                        (f.phase, f.status, s.position));
COMMENT ON VIEW @extschema@.funding_territory_totals IS 'funding per phase, territory, need and status, with rollup rows per territory (all needs), per need (all territories) and per phase (level says which; NULL in the columns totalled over); amount numeric(19,2); statuses are never added together';

CREATE VIEW @extschema@.funding_region_totals AS
SELECT f.phase,
       CASE GROUPING(t.lead_region, f.need) WHEN 0 THEN 'region, need, status' WHEN 1 THEN 'region, status'
                                           WHEN 2 THEN 'need, status' ELSE 'status' END AS level,
       t.lead_region AS region, r.name AS region_name,
       f.need::text AS need, @extschema@.need_label(f.need) AS need_label,
       f.status, s.position AS status_position,
       count(*) AS lines, pg_catalog.sum(f.amount)::numeric(19,2) AS amount
FROM @extschema@.funding f
JOIN @extschema@.territory t ON t.phase = f.phase AND t.id OPERATOR(pg_catalog.=) f.territory_id
LEFT JOIN @extschema@.region r ON r.code = t.lead_region
JOIN @extschema@.funding_status s ON s.status = f.status
GROUP BY GROUPING SETS ((f.phase, f.status, s.position, t.lead_region, r.name, f.need),
                        (f.phase, f.status, s.position, t.lead_region, r.name),
                        (f.phase, f.status, s.position, f.need),
                        (f.phase, f.status, s.position));
COMMENT ON VIEW @extschema@.funding_region_totals IS 'funding per phase, region (the territory''s lead region, as funding_by_region(phase, ''lead'')), need and status, with rollup rows per region, per need and per phase (level says which; NULL in the columns totalled over); amount numeric(19,2)';

CREATE VIEW @extschema@.funding_source_totals AS
SELECT f.phase, CASE GROUPING(f.source) WHEN 0 THEN 'source, status' ELSE 'status' END AS level,
       f.source, src.name AS source_name, src.kind AS source_kind,
       f.status, s.position AS status_position,
       count(*) AS lines, pg_catalog.sum(f.amount)::numeric(19,2) AS amount
FROM @extschema@.funding f
JOIN @extschema@.funding_source src ON src.code = f.source
JOIN @extschema@.funding_status s ON s.status = f.status
GROUP BY GROUPING SETS ((f.phase, f.status, s.position, f.source, src.name, src.kind),
                        (f.phase, f.status, s.position));
COMMENT ON VIEW @extschema@.funding_source_totals IS 'funding per phase, source and status, with a rollup row per phase and status (level ''status'', source NULL): the announced → engaged → deployed funnel; amount numeric(19,2)';

-- NULL and errors: a NULL phase is a mistake, 22004, where a function is not
-- STRICT (STRICT functions of a phase give NULL or no rows, as built-ins do)
DROP FUNCTION @extschema@.require_phase(text);
CREATE FUNCTION @extschema@.require_phase(phase text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM terrind.phase p WHERE p.phase = require_phase.phase) THEN
        RAISE EXCEPTION USING ERRCODE = CASE WHEN phase IS NULL THEN '22004' ELSE '22023' END,
            MESSAGE = CASE WHEN phase IS NULL THEN 'phase must not be NULL' ELSE format('unknown phase %L', phase) END,
            DETAIL = format('Known phases: %s.', (SELECT string_agg(p.phase, ', ' ORDER BY p.phase) FROM terrind.phase p));
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_phase(text) IS 'raise 22004 for a NULL phase, 22023 unless the phase is one of terrind.phase';

-- errors without internal SQL in their CONTEXT: territory ids are read
-- before the query that uses them
DROP FUNCTION @extschema@.territory_facts(text, int, text[]);
CREATE FUNCTION @extschema@.territory_facts(phase text, year int, ids text[] DEFAULT NULL)
RETURNS TABLE (id text, name text, facts jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    -- read before the query, so that a malformed id's error does not quote it
    wanted constant ti_code[] := territory_facts.ids::ti_code[];
BEGIN
    PERFORM require_phase(territory_facts.phase);
    RETURN QUERY
    WITH t AS (
        SELECT t.* FROM territory t
        WHERE t.phase = territory_facts.phase AND (wanted IS NULL OR t.id = ANY (wanted))
    ), m AS (
        SELECT m.territory_id, m.siren, coalesce(g.nature, m.nature) AS nature,
               g.siren IS NOT NULL OR c.siren IS NOT NULL AS in_cog
        FROM t JOIN territory_member m ON m.phase = t.phase AND m.territory_id = t.id
        LEFT JOIN groupement g ON g.siren = m.siren
        LEFT JOIN commune c ON c.siren = m.siren AND c.type = 'commune-actuelle'
    ), cover AS (
        SELECT v.territory_id, v.through_member, v.commune, v.region, v.departement, v.population
        FROM territory_coverage v JOIN t ON v.phase = t.phase AND v.territory_id = t.id
    ), size AS (
        SELECT v.territory_id, v.through_member, count(*) AS n FROM cover v GROUP BY 1, 2
    ), nested AS (
        SELECT a.territory_id, a.through_member AS siren
        FROM cover a JOIN size sa USING (territory_id, through_member)
        JOIN cover b ON b.territory_id = a.territory_id AND b.commune = a.commune AND b.through_member <> a.through_member
        JOIN size sb ON sb.territory_id = b.territory_id AND sb.through_member = b.through_member AND sb.n > sa.n
        GROUP BY a.territory_id, a.through_member, b.through_member, sa.n
        HAVING count(*) = sa.n
    ), counted AS (
        SELECT m.* FROM m WHERE NOT EXISTS (SELECT FROM nested n WHERE n.territory_id = m.territory_id AND n.siren = m.siren)
    ), members AS (
        SELECT m.territory_id, count(*) AS n, count(*) FILTER (WHERE m.nature IN ('METRO', 'MET69')) AS metropoles,
               count(*) FILTER (WHERE NOT m.in_cog) AS outside
        FROM m GROUP BY m.territory_id
    ), geo AS (
        SELECT d.territory_id, count(*) AS communes, sum(d.population) AS population,
               count(DISTINCT d.region) AS regions, count(DISTINCT d.departement) AS departements
        FROM (SELECT DISTINCT v.territory_id, v.commune, v.region, v.departement, v.population FROM cover v) d
        GROUP BY d.territory_id
    ), unit_employment AS MATERIALIZED (
        SELECT e.* FROM (SELECT array_agg(c.territory_id::text) AS units, array_agg(c.siren) AS zones FROM counted c) u, employment_facts(territory_facts.year, u.units, u.zones) e
    )
    SELECT t.id::text, t.name, jsonb_strip_nulls(jsonb_build_object(
        'phase', t.phase, 'id', t.id::text, 'name', t.name, 'lead_region', t.lead_region, 'year', territory_facts.year,
        'member_count', coalesce(mb.n, 0), 'single_member', mb.n = 1, 'has_metropole', mb.metropoles > 0,
        'members_outside_cog', mb.outside,
        'members_without_employment', e.zones_without_employment,
        -- from the COG: absent when a member is not in it (they would be too small)
        'population', CASE WHEN mb.outside = 0 THEN geo.population END,
        'commune_count', CASE WHEN mb.outside = 0 THEN geo.communes END,
        'regions_spanned', CASE WHEN mb.outside = 0 THEN geo.regions END,
        'departements_spanned', CASE WHEN mb.outside = 0 THEN geo.departements END,
        'national', n.facts) || coalesce(e.facts, '{}'))
    FROM t LEFT JOIN members mb ON mb.territory_id = t.id
    LEFT JOIN geo ON geo.territory_id = t.id
    CROSS JOIN national_facts(territory_facts.year) n(facts)
    LEFT JOIN unit_employment e ON e.unit = t.id::text
    WHERE territory_facts.year IS NOT NULL
    ORDER BY t.id;
END $$;
COMMENT ON FUNCTION @extschema@.territory_facts(text, int, text[]) IS 'the facts of every territory of a phase (or of the ids listed) for the employment of a year, recomputed from its members'' counts (README, Eligibility, lists the keys); 22023 for an unknown phase';
DROP FUNCTION @extschema@.territory_facts(text, text, int);
CREATE FUNCTION @extschema@.territory_facts(phase text, id text, year int)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    wanted constant ti_code := territory_facts.id::ti_code;   -- 22P02 here, not inside a query
    result jsonb;
BEGIN
    SELECT f.facts INTO result FROM territory_facts(territory_facts.phase, territory_facts.year, ARRAY[wanted::text]) f;
    IF result IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('no territory %s in phase %s', wanted, territory_facts.phase),
            HINT = 'terrind.territory lists them; load the lists with terrind.load_territories.';
    END IF;
    RETURN result;
END $$;
COMMENT ON FUNCTION @extschema@.territory_facts(text, text, int) IS 'the facts of one territory of a phase for the employment of a year (see territory_facts(phase, year)); 22023 for an unknown phase or territory, 22P02 for a malformed id';

-- Maps: French or English texts (French by default), class bounds printed
-- with as many decimals as keep them apart, a scale bar, optional labels
CREATE FUNCTION @extschema@.create_with_postgis(definition text)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE replace(definition, '@postgis@',
                    (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'));
END $$;
DROP FUNCTION @extschema@.map_svg(text, text, text);
DROP FUNCTION @extschema@.map_number(float8);
SELECT terrind.create_with_postgis($def$
CREATE FUNCTION terrind.map_svg(phase text, metric text, subtitle text DEFAULT NULL, lang text DEFAULT 'fr',
                                labels boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, terrind, pg_temp
AS $$
DECLARE
    -- the metrics a map can show, and every text of the map, in each language
    words constant jsonb := '{
        "fr": {"population": "population des communes couvertes", "member_count": "membres (EPCI, EPT, communes)",
               "funding_announced": "financements annoncés (€)", "funding_engaged": "financements engagés (€)",
               "funding_deployed": "financements déployés (€)", "deployment_rate": "déployé ÷ engagé (%)",
               "title": "Territoires d''industrie %s : %s", "no data": "sans donnée",
               "status": "%s territoires avec une géométrie (%s)", "anct": "polygones de l''ANCT",
               "union": "union des contours des membres", "stale": ", GÉOMÉTRIES PÉRIMÉES : ",
               "footer": "Classes par quantiles (effectif). France métropolitaine en Lambert-93 (EPSG:2154) ; outre-mer en cartouches, chacun dans sa projection UTM et à sa propre échelle."},
        "en": {"population": "population of the communes covered", "member_count": "members (EPCI, EPT, communes)",
               "funding_announced": "funding announced (€)", "funding_engaged": "funding engaged (€)",
               "funding_deployed": "funding deployed (€)", "deployment_rate": "deployed ÷ engaged (%)",
               "title": "Territoires d''industrie %s: %s", "no data": "no data",
               "status": "%s territories with a geometry (%s)", "anct": "ANCT polygons",
               "union": "union of members'' boundaries", "stale": ", STALE: ",
               "footer": "Quantile classes (count). Metropolitan France in Lambert-93 (EPSG:2154); overseas regions in insets, each in its UTM projection and at its own scale."}}';
    metrics constant text[] := '{population,member_count,funding_announced,funding_engaged,funding_deployed,deployment_rate}';
    palette constant text[] := '{#ffffb2,#fecc5c,#fd8d3c,#f03b20,#bd0026}';   -- ColorBrewer YlOrRd
    txt jsonb;
    svg xml;
BEGIN
    PERFORM require_geometries(phase);
    IF metric IS NULL OR metric <> ALL (metrics) THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('map_svg: unknown metric %L', metric),
            DETAIL = format('Metrics: %s.', (SELECT string_agg(k, ', ' ORDER BY k) FROM unnest(metrics) k));
    END IF;
    IF lang IS NULL OR labels IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'map_svg: lang and labels must not be NULL';
    ELSIF NOT words ? lang THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('map_svg: unknown language %L', lang),
            DETAIL = 'Languages: en, fr.';
    END IF;
    txt := words -> lang;
    IF NOT EXISTS (SELECT 1 FROM map_frames()) THEN
        RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'map_svg: region boundaries are not loaded',
            HINT = 'The map draws territories over regional outlines: load them with terrind.load_boundaries(''region'', …).';
    END IF;
    WITH v AS (
        SELECT l.id, l.name, l.geom,
               (jsonb_build_object('population', l.population, 'member_count', l.member_count,
                                   'funding_announced', r.announced, 'funding_engaged', r.engaged,
                                   'funding_deployed', r.deployed, 'deployment_rate', 100 * r.deployment_rate)
                ->> metric)::float8 AS value
        FROM territory_layer l
        LEFT JOIN funding_territory_rates r ON r.phase = l.phase AND r.territory_id = l.id AND r.level = 'territory'
        WHERE l.phase = map_svg.phase
    ), breaks AS (      -- quantile classes, at most five, none empty
        SELECT ARRAY(SELECT DISTINCT q FROM unnest(percentile_disc('{0,0.2,0.4,0.6,0.8}'::float8[])
                                                   WITHIN GROUP (ORDER BY v.value)) q ORDER BY q) AS t
        FROM v WHERE v.value IS NOT NULL
    ), classed AS (
        SELECT v.*, width_bucket(v.value, b.t) AS class, cardinality(b.t) AS classes FROM v, breaks b
    ), colored AS (
        SELECT c.*, coalesce(palette[5 - c.classes + c.class], '#cccccc') AS fill FROM classed c
    ), bounds AS (
        SELECT c.class, c.fill, min(c.value) AS lo, max(c.value) AS hi, count(*) AS n FROM colored c GROUP BY c.class, c.fill
    ), digits AS (      -- the fewest decimals at which no two classes' printed bounds meet
        SELECT coalesce(min(d), 3) AS d FROM generate_series(0, 3) d
        WHERE NOT EXISTS (SELECT FROM bounds a JOIN bounds b ON b.class = a.class + 1
                          WHERE round(a.hi::numeric, d) >= round(b.lo::numeric, d))
    ), frames AS (
        SELECT f.*,     -- a scale bar of a round length, at most a quarter of the frame
               (SELECT max(k * 10 ^ floor(log(f.w / 4 / f.scale))) FROM unnest('{1,2,5}'::float8[]) k
                WHERE k * 10 ^ floor(log(f.w / 4 / f.scale)) <= f.w / 4 / f.scale) AS bar_m
        FROM map_frames() f
    ), regions AS (
        SELECT f.frame, svg_path(r.geom, f.srid, f.scale) AS d
        FROM frames f JOIN region r ON r.geom OPERATOR(@postgis@.&&) f.area AND (r.zone = 'metro') = (f.frame = 0)
    ), legend AS (
        SELECT row_number() OVER (ORDER BY b.class NULLS LAST) AS i, b.fill,
               CASE WHEN b.class IS NULL THEN format('%s (%s)', txt->>'no data', b.n)
                    WHEN round(b.lo::numeric, g.d) = round(b.hi::numeric, g.d) THEN format('%s (%s)', map_number(b.lo, g.d, lang), b.n)
                    ELSE format('%s – %s (%s)', map_number(b.lo, g.d, lang), map_number(b.hi, g.d, lang), b.n) END AS label
        FROM bounds b, digits g
    )
    SELECT xmlelement(name svg,
        xmlattributes('http://www.w3.org/2000/svg' AS xmlns, 1200 AS width, 790 AS height, '0 0 1200 790' AS "viewBox",
                      'sans-serif' AS "font-family", lang AS "xml:lang"),
        xmlelement(name title, format(txt->>'title', phase, txt->>metric)),
        -- stroke widths are set per frame in its units: renderers without
        -- vector-effect would otherwise scale them away
        xmlelement(name style, '.territory{stroke:#ffffff}.region{fill:none;stroke:#4d4d4d}'
                               '.land{fill:#ececec;stroke:none}.inset{fill:none;stroke:#999999}'
                               '.label{fill:#1a1a1a;stroke:#ffffff;paint-order:stroke;text-anchor:middle}'),
        xmlelement(name rect, xmlattributes(1200 AS width, 790 AS height, '#ffffff' AS fill)),
        xmlelement(name text, xmlattributes(20 AS x, 34 AS y, 22 AS "font-size", 'bold' AS "font-weight"),
                   format(txt->>'title', phase, txt->>metric)),
        xmlelement(name text, xmlattributes(20 AS x, 56 AS y, 13 AS "font-size"), subtitle),
        xmlelement(name text, xmlattributes(20 AS x, 74 AS y, 12 AS "font-size", '#555555' AS fill),
                   (SELECT format(txt->>'status', count(*), txt->>CASE st.source WHEN 'anct' THEN 'anct' ELSE 'union' END)
                           || CASE WHEN st.stale_reason IS NOT NULL THEN (txt->>'stale') || st.stale_reason ELSE '' END
                    FROM v, territory_geometry_status st WHERE st.phase = map_svg.phase
                    GROUP BY st.source, st.stale_reason)),
        (SELECT xmlagg(xmlelement(name g, xmlattributes('frame-' || f.frame AS id),
                    CASE WHEN f.frame > 0 THEN xmlconcat(
                        xmlelement(name rect, xmlattributes('inset' AS class, f.x AS x, f.y AS y, f.w AS width, f.h AS height)),
                        xmlelement(name text, xmlattributes(f.x + 4 AS x, f.y + 13 AS y, 11 AS "font-size"), f.label)) END,
                    xmlelement(name g, xmlattributes(f.transform AS transform),
                        (SELECT xmlagg(xmlelement(name path, xmlattributes('land' AS class, r.d AS d))) FROM regions r WHERE r.frame = f.frame),
                        xmlelement(name g, xmlattributes(0.6 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name path, xmlattributes('territory' AS class, c.fill AS fill, svg_path(c.geom, f.srid, f.scale) AS d),
                                                      xmlelement(name title, format('%s %s: %s', c.id, c.name,
                                                                                    coalesce(map_number(c.value, g.d, lang), txt->>'no data'))))
                                           ORDER BY c.id)
                             FROM colored c, digits g WHERE c.geom OPERATOR(@postgis@.&&) f.area)),
                        xmlelement(name g, xmlattributes(1 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name path, xmlattributes('region' AS class, r.d AS d))) FROM regions r WHERE r.frame = f.frame)),
                        CASE WHEN labels THEN xmlelement(name g, xmlattributes(10 / f.scale AS "font-size", 2 / f.scale AS "stroke-width"),
                            (SELECT xmlagg(xmlelement(name text, xmlattributes('label' AS class,
                                                      round(@postgis@.ST_X(p.pt)::numeric, 1) AS x, round(-@postgis@.ST_Y(p.pt)::numeric, 1) AS y), c.name)
                                           ORDER BY c.id)
                             FROM colored c CROSS JOIN LATERAL (SELECT @postgis@.ST_PointOnSurface(@postgis@.ST_Transform(c.geom, f.srid)) AS pt) p
                             WHERE c.geom OPERATOR(@postgis@.&&) f.area)) END),
                    -- scale bar, in the frame's bottom left corner
                    xmlelement(name g, xmlattributes('scale' AS class),
                        xmlelement(name rect, xmlattributes(f.x + 8 AS x, f.y + f.h - 12 AS y, round((f.bar_m * f.scale)::numeric, 1) AS width,
                                                            3 AS height, '#4d4d4d' AS fill)),
                        xmlelement(name text, xmlattributes(f.x + 8 AS x, f.y + f.h - 16 AS y, 10 AS "font-size"),
                                   CASE WHEN f.bar_m >= 1000 THEN map_number(f.bar_m / 1000, 0, lang) || ' km'
                                        ELSE map_number(f.bar_m, 0, lang) || ' m' END)))
                ORDER BY f.frame)
         FROM frames f),
        xmlelement(name g, xmlattributes('legend' AS id),
            xmlelement(name text, xmlattributes(910 AS x, 106 AS y, 13 AS "font-size", 'bold' AS "font-weight"), txt->>metric),
            (SELECT xmlagg(xmlconcat(
                        xmlelement(name rect, xmlattributes(910 AS x, 100 + 24 * l.i AS y, 18 AS width, 16 AS height, l.fill AS fill, '#999999' AS stroke)),
                        xmlelement(name text, xmlattributes(936 AS x, 113 + 24 * l.i AS y, 12 AS "font-size"), l.label))
                    ORDER BY l.i)
             FROM legend l)),
        xmlelement(name text, xmlattributes(20 AS x, 778 AS y, 11 AS "font-size", '#555555' AS fill), txt->>'footer'))
    INTO svg;
    RETURN '<?xml version="1.0" encoding="UTF-8"?>' || E'\n' || svg::text || E'\n';
END $$;
$def$);
COMMENT ON FUNCTION @extschema@.map_svg(text, text, text, text, boolean) IS 'a standalone SVG choropleth of the territories of a phase over regional outlines, with title, optional subtitle, legend (quantile classes printed with as many decimals as keep them apart, and a no-data entry), a scale bar per frame and, with labels, the territories'' names; texts in French (lang ''fr'', the default) or English (''en''); metrics population, member_count, funding_announced, funding_engaged, funding_deployed (€) and deployment_rate (%); metropolitan France in Lambert-93, overseas regions in insets; 22023 for an unknown phase, metric or language, 22004 for a NULL one, 55000 without territory geometries or region boundaries';

CREATE FUNCTION @extschema@.map_number(v float8, decimals int, lang text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE lang WHEN 'en' THEN n ELSE translate(n, ',.', U&'\202F,') END
    FROM (SELECT to_char(round(v::numeric, decimals),
                         'FM999,999,999,999,990' || CASE WHEN decimals > 0 THEN '.' || repeat('0', decimals) ELSE '' END) AS n) x
$$;
COMMENT ON FUNCTION @extschema@.map_number(float8, int, text) IS 'used by map_svg: a number rounded to some decimals, written in French (12 345,6, narrow no-break spaces) or English (12,345.6)';
DROP FUNCTION @extschema@.create_with_postgis(text);
