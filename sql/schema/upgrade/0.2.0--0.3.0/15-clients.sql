
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
