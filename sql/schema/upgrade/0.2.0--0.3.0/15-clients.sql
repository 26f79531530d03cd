
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

-- Maps (French or English texts, classes kept apart, scale bar, labels):
-- map_svg and map_number are re-created in 17-hardening.sql, which also
-- changes them.
