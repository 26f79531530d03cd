-- pgTAP: terrind in a hostile database.  An attacker who may create objects
-- in public shadows names that SQL code uses (functions, operators, an
-- aggregate and functions named like terrind's); with the search_path a
-- careless user might set, or none at all, terrind's functions, casts,
-- operators and aggregates must give the results they give in a clean
-- database and never call the attacker's code, which records every call.
-- A role with only USAGE, SELECT and EXECUTE can use terrind but change
-- nothing in it: every table of the extension (found in the catalog, so
-- tables added later are covered) refuses INSERT, UPDATE, DELETE, TRUNCATE.
--
-- To cover a new function, view or aggregate, add a row to hostile_cases:
-- a query returning one text value, with every name schema-qualified (as a
-- careful user writes it: what is tested is what terrind does inside).
BEGIN;

CREATE TEMP TABLE hostile_cases (label text PRIMARY KEY, query text NOT NULL);
INSERT INTO hostile_cases VALUES
    ('identifiers from text', $$SELECT ROW(' 732 829 320'::terrind.siren, '732 829 320 00074'::terrind.siret,
        '2a004'::terrind.commune_code, 'TI-8413'::terrind.ti_code)::pg_catalog.text$$),
    ('identifier functions', $$SELECT ROW(terrind.siren('73282932000074'::terrind.siret),
        terrind.nic('73282932000074'::terrind.siret), terrind.departement_of('97411'::terrind.commune_code),
        terrind.region_of('2B033'::terrind.commune_code), terrind.region_of('97502'::terrind.commune_code),
        terrind.lead_region('ti-7510'::terrind.ti_code))::pg_catalog.text$$),
    ('casts', $$SELECT ROW(12.345::terrind.eur, 5::terrind.eur, 7::pg_catalog.int8::terrind.eur,
        732829320::terrind.siren, 732829320::pg_catalog.int8::terrind.siren,
        '12.5'::terrind.eur::pg_catalog.numeric, '732829320'::terrind.siren::pg_catalog.int8,
        '1,36 Md€'::pg_catalog.text::terrind.eur::pg_catalog.text)::pg_catalog.text$$),
    ('eur display', $$SELECT ROW(terrind.format_eur('1234567.89'::terrind.eur),
        terrind.format_eur('1360000000'::terrind.eur, true), terrind.format_eur('-0.05'::terrind.eur, scaled => true))::pg_catalog.text$$),
    ('eur operators', $$SELECT ROW('10'::terrind.eur OPERATOR(pg_catalog.+) '0.05'::terrind.eur,
        '10'::terrind.eur OPERATOR(pg_catalog.-) '10.05'::terrind.eur, OPERATOR(pg_catalog.-) '1.5'::terrind.eur,
        '10'::terrind.eur OPERATOR(pg_catalog.*) 3, 3::pg_catalog.int8 OPERATOR(pg_catalog.*) '10'::terrind.eur,
        '0.05'::terrind.eur OPERATOR(pg_catalog.*) 0.5, '0.05'::terrind.eur OPERATOR(pg_catalog.*) 0.5::pg_catalog.float8,
        '10'::terrind.eur OPERATOR(pg_catalog./) 3, '10'::terrind.eur OPERATOR(pg_catalog./) 4::pg_catalog.numeric,
        '10'::terrind.eur OPERATOR(pg_catalog./) '4'::terrind.eur)::pg_catalog.text$$),
    ('comparisons', $$SELECT ROW('75056'::terrind.commune_code OPERATOR(pg_catalog.<) '2A004'::terrind.commune_code,
        '732829320'::terrind.siren OPERATOR(pg_catalog.=) '732 829 320'::terrind.siren,
        'ti-8413'::terrind.ti_code OPERATOR(pg_catalog.<>) 'ti-8414'::terrind.ti_code,
        '1'::terrind.eur OPERATOR(pg_catalog.>=) '0.99'::terrind.eur)::pg_catalog.text$$),
    ('aggregates', $$SELECT ROW(pg_catalog.sum(amount), pg_catalog.avg(amount), pg_catalog.min(amount), pg_catalog.max(amount),
        pg_catalog.min(commune), pg_catalog.max(siren), pg_catalog.min(territory), pg_catalog.max(siret), pg_catalog.count(*))::pg_catalog.text
        FROM pg_temp.hostile_data$$),
    ('grouped sums', $$SELECT pg_catalog.string_agg(ROW(r, s)::pg_catalog.text, ';' ORDER BY r)
        FROM (SELECT terrind.region_of(commune) AS r, pg_catalog.sum(amount) AS s FROM pg_temp.hostile_data GROUP BY 1) g$$),
    ('sorting', $$SELECT pg_catalog.string_agg(commune::pg_catalog.text, ',' ORDER BY commune, siren DESC) FROM pg_temp.hostile_data$$),
    ('joins', $$SELECT pg_catalog.count(*)::pg_catalog.text FROM pg_temp.hostile_data a
        JOIN pg_temp.hostile_data b ON a.siren OPERATOR(pg_catalog.=) b.siren AND a.commune OPERATOR(pg_catalog.=) b.commune$$),
    ('aggregate state', $$SELECT ROW('(-12345,4)'::terrind.eur_sum_state, terrind.eur_avg_final('(-12345,4)'),
        terrind.eur_sum_final(terrind.eur_sum_combine('(1,1)', '(2,2)')))::pg_catalog.text$$),
    ('csv reader', $$SELECT pg_catalog.string_agg(ROW(c.line, c.field_count, c.v)::pg_catalog.text, ';')
        FROM terrind.csv_columns(E'\uFEFFid_ti;lib_ti\r\nti-7510;"Lacq; Pau"\r\n\r\nti-8413;Oyonnax\r\n',
                                 ARRAY['id_ti', '?nature', 'lib_ti']) c$$),
    ('input_error', $$SELECT ROW(terrind.input_error('732829321', 'terrind.siren'),
        terrind.input_error('1,5 M€', 'terrind.eur'))::pg_catalog.text$$),
    ('territory loader', $$SELECT pg_catalog.string_agg(ROW(item, loaded)::pg_catalog.text, ',')
        FROM terrind.load_territories('2023-2027', pg_temp.territory_list())$$),
    ('spatial lookups', $$SELECT ROW(
        (SELECT pg_catalog.array_agg(t ORDER BY t) FROM terrind.territories_at(
            public.ST_Transform(public.ST_SetSRID(public.ST_Point(405000, 6255000), 2154), 4326), '2023-2027') t),
        (SELECT pg_catalog.string_agg(ROW(n.id, pg_catalog.round(n.distance_m::pg_catalog.numeric))::pg_catalog.text, ',')
         FROM terrind.nearest_territories(public.ST_SetSRID(public.ST_Point(0, 45), 4326), '2023-2027', 2) n),
        (SELECT pg_catalog.string_agg(ROW(r.region, pg_catalog.round(r.area_share::pg_catalog.numeric, 6),
                                          pg_catalog.round(r.population_share::pg_catalog.numeric, 6))::pg_catalog.text, ',')
         FROM terrind.region_shares('2023-2027', 'ti-7510') r),
        terrind.territory_parts('2023-2027', 'ti-8413'))::pg_catalog.text$$),
    ('spatial outputs', $$SELECT ROW(pg_catalog.md5(terrind.territories_geojson('2023-2027')::pg_catalog.text),
        pg_catalog.md5(terrind.map_svg('2023-2027', 'population')),
        pg_catalog.md5(terrind.map_svg('2023-2027', 'funding_engaged')))::pg_catalog.text$$),
    ('boundary loader', $$SELECT pg_catalog.string_agg(ROW(b.item, b.loaded)::pg_catalog.text, ',')
        FROM terrind.load_boundaries('region', (SELECT f.doc FROM pg_temp.hostile_files f WHERE f.name OPERATOR(pg_catalog.=) 'regions'), 'INSEE_REG') b$$),
    ('geometry loaders', $$SELECT ROW(
        (SELECT pg_catalog.string_agg(ROW(p.*)::pg_catalog.text, ',') FROM terrind.load_territory_polygons('2023-2027',
            (SELECT f.doc FROM pg_temp.hostile_files f WHERE f.name OPERATOR(pg_catalog.=) 'anct-2023')) p),
        (SELECT pg_catalog.string_agg(ROW(r.*)::pg_catalog.text, ',') FROM terrind.refresh_territory_geometries('2023-2027') r))::pg_catalog.text$$),
    ('overlay', $$SELECT pg_catalog.string_agg(ROW(o.id, pg_catalog.round(o.covered_share::pg_catalog.numeric, 6))::pg_catalog.text, ',')
        FROM terrind.overlay('2023-2027', 'pg_temp.hostile_layer'::pg_catalog.regclass, 'geom') o$$),
    ('funding by region', $$SELECT pg_catalog.string_agg(ROW(m, f.region, f.need, f.status, f.amount)::pg_catalog.text, ';'
                                                         ORDER BY m, f.region, f.need, f.status)
        FROM pg_catalog.unnest(ARRAY['lead', 'population', 'area']) m,
             terrind.funding_by_region('2023-2027', m) f$$),
    ('funding views', $$SELECT ROW(
        (SELECT pg_catalog.string_agg(ROW(v.*)::pg_catalog.text, ';' ORDER BY ROW(v.*)::pg_catalog.text) FROM terrind.funding_territory_totals v),
        (SELECT pg_catalog.string_agg(ROW(v.*)::pg_catalog.text, ';' ORDER BY ROW(v.*)::pg_catalog.text) FROM terrind.funding_region_rates v))::pg_catalog.text$$),
    ('territory reports', $$SELECT ROW(
        (SELECT pg_catalog.string_agg(ROW(s.*)::pg_catalog.text, ',') FROM terrind.territory_summary s),
        (SELECT pg_catalog.string_agg(ROW(f.*)::pg_catalog.text, ',' ORDER BY f.subject) FROM terrind.check_territories('2023-2027') f)
        )::pg_catalog.text$$),
    ('employment loader', $$SELECT pg_catalog.string_agg(ROW(item, loaded)::pg_catalog.text, ',')
        FROM terrind.load_employment(E'SIREN;Année;NA17;Emplois\n200067254;2020;C5;1 234,5\n216403006;2020;OQ;7\n', 'hostile')$$),
    ('counts', $$SELECT ROW(terrind.count_value(' 1 234,5'), terrind.count_error('1,234'), terrind.count_error('s'))::pg_catalog.text$$),
    ('facts', $$SELECT ROW(terrind.national_facts(2021), terrind.epci_facts('200067254', 2021),
        terrind.territory_facts('2023-2027', 'ti-7510', 2021),
        (SELECT pg_catalog.string_agg(ROW(f.*)::pg_catalog.text, ',') FROM terrind.epci_facts(2021) f),
        (SELECT pg_catalog.string_agg(ROW(f.*)::pg_catalog.text, ',') FROM terrind.territory_facts('2023-2027', 2021) f))::pg_catalog.text$$),
    ('rule sets', $$SELECT ROW(terrind.rule_set('phase2-combined'), terrind.rule_set('phase1-combined', 1),
        terrind.save_rule_set('hostile', '2023-2027', 'jobs > 1', 'a test') OPERATOR(pg_catalog.>=) 1)::pg_catalog.text$$),
    ('verdicts', $$SELECT ROW(v.*)::pg_catalog.text
        FROM terrind.verdict('population >= 1000 and not has_metropole', '{"population": 980, "has_metropole": true}') v$$),
    ('evaluation', $$SELECT ROW(
        (SELECT pg_catalog.string_agg(ROW(e.*)::pg_catalog.text, ',') FROM terrind.evaluate_epci('jobs > 1600', 2021) e),
        (SELECT pg_catalog.string_agg(ROW(e.*)::pg_catalog.text, ',')
         FROM terrind.evaluate_territories(terrind.rule_set('phase2-combined'), '2023-2027', 2021) e),
        (SELECT pg_catalog.string_agg(ROW(c.*)::pg_catalog.text, ',')
         FROM terrind.compare_epci('jobs > 1600', 'industry_specificity >= 1.25', 2021) c),
        (SELECT pg_catalog.string_agg(ROW(c.*)::pg_catalog.text, ',')
         FROM terrind.compare_territories('jobs > 1600', 'population > 1000', '2023-2027', 2021) c))::pg_catalog.text$$);

-- the eligibility cases need the fixture COG and 2021 employment
\i test/fixtures/employment/load.psql

-- the fixture COG, territories, boundaries, geometries and funding lines
\i test/dump_restore/data/territories.sql
\i test/dump_restore/data/territories_funding.sql
SET search_path = "$user", public;

-- the territory cases read the list the loader case (re)loads
\set grpt2023 `cat test/fixtures/territories/liste-ti-grpt2023-20240115.csv`
CREATE TEMP TABLE territory_file AS SELECT :'grpt2023'::text AS csv;
CREATE FUNCTION pg_temp.territory_list() RETURNS text LANGUAGE sql AS
$$ SELECT csv FROM pg_temp.territory_file $$;


-- the GeoJSON files the loader cases read, and a user's layer for overlay
\set regions_l93 `cat test/fixtures/spatial/regions-l93.geojson`
\set anct_2023 `cat test/fixtures/spatial/anct-ti-2023.geojson`
CREATE TEMP TABLE hostile_files (name text PRIMARY KEY, doc jsonb NOT NULL);
INSERT INTO hostile_files VALUES ('regions', :'regions_l93'), ('anct-2023', :'anct_2023');
CREATE TEMP TABLE hostile_layer (geom geometry(Polygon, 2154));
INSERT INTO hostile_layer VALUES ('SRID=2154;POLYGON((380000 6230000, 430000 6230000, 430000 6280000, 380000 6280000, 380000 6230000))');

CREATE TEMP TABLE hostile_data AS
SELECT s::terrind.siren AS siren, t::terrind.siret AS siret, c::terrind.commune_code AS commune,
       ti::terrind.ti_code AS territory, a::terrind.eur AS amount
FROM (VALUES ('732829320', '73282932000074', '75056', 'ti-1101', '1 234,56 €'),
             ('356000000', '35600000049837', '2A004', 'ti-9401', NULL),
             ('732829320', '73282932000074', '97411', 'ti-0401', '1,36 Md€'),
             ('552100554', '55210055400013', '69381', 'ti-8413', '-0,05'),
             (NULL, NULL, '97502', NULL, '92233720368547758.07'),
             ('552100554', '55210055400013', '2B033', 'ti-9401', '-92233720368547758.07')) v(s, t, c, ti, a);

-- one query in a given search_path; the function's own code runs in a safe one
CREATE FUNCTION pg_temp.eval_in_path(path text, query text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    result text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', path, true);
    EXECUTE query INTO result;
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    RETURN result;
END $$;

-- the SQLSTATE of running sql as role who ('00000' if it worked); any change is undone
CREATE FUNCTION pg_temp.sqlstate_as(who name, sql text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    EXECUTE pg_catalog.format('SET LOCAL ROLE %I', who);
    EXECUTE sql;
    RAISE SQLSTATE 'TIOK0';         -- undo what sql did, role switch included
EXCEPTION WHEN OTHERS THEN
    RETURN CASE SQLSTATE WHEN 'TIOK0' THEN '00000' ELSE SQLSTATE END;
END $$;

-- results in a clean database, before the attacker arrives
CREATE TEMP TABLE reference AS
SELECT label, pg_temp.eval_in_path('"$user", public', query) AS result FROM hostile_cases;

-- ------------------------------------------------------------ the attack
CREATE ROLE terrind_attacker NOLOGIN;
GRANT USAGE, CREATE ON SCHEMA public TO terrind_attacker;
GRANT USAGE ON SCHEMA terrind TO terrind_attacker;
CREATE TABLE public.attacker_calls (called text NOT NULL);
GRANT INSERT ON public.attacker_calls TO PUBLIC;
SET LOCAL ROLE terrind_attacker;

-- each trap records its call, then returns NULL
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT * FROM (VALUES
        ('lower', 'text', 'text'), ('upper', 'text', 'text'), ('btrim', 'text', 'text'),
        ('length', 'text', 'integer'), ('textcat', 'text, text', 'text'),
        ('concat', 'VARIADIC text[]', 'text'), ('concat_ws', 'text, VARIADIC text[]', 'text'),
        ('format', 'text, VARIADIC text[]', 'text'), ('replace', 'text, text, text', 'text'),
        ('substr', 'text, integer', 'text'), ('regexp_replace', 'text, text, text', 'text'),
        ('round', 'numeric, integer', 'numeric'), ('abs', 'numeric', 'numeric'),
        ('cardinality', 'text[]', 'integer'), ('array_append', 'text[], text', 'text[]'),
        ('int8', 'terrind.siren', 'bigint'), ('numeric', 'terrind.eur', 'numeric'),
        ('eur', 'numeric', 'terrind.eur'), ('siren', 'bigint', 'terrind.siren'),
        ('format_eur', 'terrind.eur, boolean', 'text'), ('region_of', 'terrind.commune_code', 'text'),
        ('eur_sum_accum', 'terrind.eur_sum_state, terrind.eur', 'terrind.eur_sum_state'),
        ('trap_text_eq', 'text, text', 'boolean'), ('trap_text_concat', 'text, text', 'text'),
        ('trap_int_eq', 'integer, integer', 'boolean'), ('trap_eur_pl', 'terrind.eur, terrind.eur', 'terrind.eur'),
        ('trap_eur_eq', 'terrind.eur, terrind.eur', 'boolean'), ('trap_siren_eq', 'terrind.siren, terrind.siren', 'boolean'),
        ('trap_commune_lt', 'terrind.commune_code, terrind.commune_code', 'boolean'),
        ('trap_eur_sfunc', 'terrind.eur, terrind.eur', 'terrind.eur')
    ) t(name, args, result)
    LOOP
        EXECUTE pg_catalog.format('CREATE FUNCTION public.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L',
                       f.name, f.args, f.result,
                       pg_catalog.format('BEGIN INSERT INTO public.attacker_calls VALUES (%L); RETURN NULL; END',
                              f.name || '(' || f.args || ')'));
    END LOOP;
END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.trap_text_eq);
CREATE OPERATOR public.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = public.trap_text_concat);
CREATE OPERATOR public.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = public.trap_int_eq);
CREATE OPERATOR public.+ (LEFTARG = terrind.eur, RIGHTARG = terrind.eur, FUNCTION = public.trap_eur_pl);
CREATE OPERATOR public.= (LEFTARG = terrind.eur, RIGHTARG = terrind.eur, FUNCTION = public.trap_eur_eq);
CREATE OPERATOR public.= (LEFTARG = terrind.siren, RIGHTARG = terrind.siren, FUNCTION = public.trap_siren_eq);
CREATE OPERATOR public.< (LEFTARG = terrind.commune_code, RIGHTARG = terrind.commune_code, FUNCTION = public.trap_commune_lt);
CREATE AGGREGATE public.sum(terrind.eur) (SFUNC = public.trap_eur_sfunc, STYPE = terrind.eur);

-- Traps for every PostGIS function terrind calls, found in the source of
-- its functions and views: for each overload, every signature that omits
-- some of its defaulted arguments (a call relying on the defaults then
-- finds two candidates, or the trap) and every signature with one argument
-- of a type that casts implicitly to the declared one (a call passing that
-- type then prefers the trap to PostGIS's function).
CREATE TEMP TABLE postgis_traps AS
WITH postgis AS (
    SELECT e.extnamespace AS nsp, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'postgis'
), terrind_code AS (
    SELECT p.prosrc AS code FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
    WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind')
    UNION ALL
    SELECT pg_get_viewdef(c.oid) FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
    WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind IN ('v', 'm')
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind')
), called AS (
    SELECT DISTINCT lower(m[1]) AS name
    FROM terrind_code, postgis, regexp_matches(code, '(?:^|[^\w."])"?' || nspname || '"?\.(\w+)\s*\(', 'gi') m
), overloads AS (
    SELECT p.proname, p.prorettype, p.proargtypes::oid[] AS args, p.pronargs, p.pronargdefaults
    FROM pg_proc p, postgis, called c
    WHERE p.pronamespace = postgis.nsp AND p.proname = c.name AND NOT p.proretset AND p.provariadic = 0
      AND (SELECT t.typtype FROM pg_type t WHERE t.oid = p.prorettype) <> 'p'
), prefixes AS (
    SELECT o.proname, o.prorettype, o.args[0:k - 1] AS args
    FROM overloads o, generate_series(o.pronargs::int - o.pronargdefaults, o.pronargs::int) k
    WHERE k > 0
), signatures AS (
    SELECT proname, prorettype, args FROM prefixes
    UNION
    SELECT x.proname, x.prorettype, x.args[:i - 1] || c.castsource || x.args[i + 1:]
    FROM prefixes x CROSS JOIN LATERAL generate_subscripts(x.args, 1) i
    JOIN pg_cast c ON c.casttarget = x.args[i] AND c.castcontext = 'i'
    WHERE (SELECT t.typtype FROM pg_type t WHERE t.oid = c.castsource) <> 'p'
)
SELECT s.proname AS name,
       (SELECT string_agg(format_type(a, NULL), ', ' ORDER BY o) FROM unnest(s.args) WITH ORDINALITY u(a, o)) AS args,
       format_type(s.prorettype, NULL) AS result, postgis.nspname AS schema, false AS created
FROM signatures s, postgis;
-- and for every PostGIS operator terrind names (OPERATOR(schema.&&)), each
-- signature with one operand of a type that casts implicitly to its own
CREATE TEMP TABLE postgis_operator_traps AS
WITH postgis AS (
    SELECT e.extnamespace AS nsp, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'postgis'
), terrind_code AS (
    SELECT p.prosrc AS code FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
    WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind')
), called AS (
    SELECT DISTINCT m[1] AS name
    FROM terrind_code, postgis, regexp_matches(code, 'OPERATOR\(\s*"?' || nspname || '"?\.([^\s)]+)\s*\)', 'gi') m
), signatures AS (
    SELECT o.oprname, c.castsource AS l, o.oprright AS r, o.oprresult
    FROM pg_operator o JOIN postgis ON o.oprnamespace = postgis.nsp JOIN called ON called.name = o.oprname
    JOIN pg_cast c ON c.casttarget = o.oprleft AND c.castcontext = 'i'
    UNION
    SELECT o.oprname, o.oprleft, c.castsource, o.oprresult
    FROM pg_operator o JOIN postgis ON o.oprnamespace = postgis.nsp JOIN called ON called.name = o.oprname
    JOIN pg_cast c ON c.casttarget = o.oprright AND c.castcontext = 'i'
)
SELECT row_number() OVER () AS n, s.oprname AS name, format_type(s.l, NULL) AS l, format_type(s.r, NULL) AS r,
       format_type(s.oprresult, NULL) AS result, postgis.nspname AS schema, false AS created
FROM signatures s, postgis
WHERE (SELECT t.typtype FROM pg_type t WHERE t.oid = s.l) <> 'p' AND (SELECT t.typtype FROM pg_type t WHERE t.oid = s.r) <> 'p';
GRANT ALL ON postgis_traps, postgis_operator_traps TO terrind_attacker;
SET LOCAL ROLE terrind_attacker;
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT * FROM pg_temp.postgis_traps LOOP
        BEGIN
            EXECUTE pg_catalog.format('CREATE FUNCTION %I.%I(%s) RETURNS %s LANGUAGE plpgsql AS %L',
                           f.schema, f.name, f.args, f.result,
                           pg_catalog.format('BEGIN INSERT INTO public.attacker_calls VALUES (%L); RETURN NULL; END',
                                  f.name || '(' || f.args || ')'));
            UPDATE pg_temp.postgis_traps t SET created = true WHERE t.name = f.name AND t.args = f.args;
        EXCEPTION WHEN duplicate_function THEN
            NULL;           -- PostGIS's own signature
        END;
    END LOOP;
END $$;
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT * FROM pg_temp.postgis_operator_traps LOOP
        BEGIN
            EXECUTE pg_catalog.format('CREATE FUNCTION %I.trap_operator_%s(%s, %s) RETURNS %s LANGUAGE plpgsql AS %L',
                           f.schema, f.n, f.l, f.r, f.result,
                           pg_catalog.format('BEGIN INSERT INTO public.attacker_calls VALUES (%L); RETURN NULL; END',
                                  f.l || ' ' || f.name || ' ' || f.r));
            EXECUTE pg_catalog.format('CREATE OPERATOR %I.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = %I.trap_operator_%s)',
                           f.schema, f.name, f.l, f.r, f.schema, f.n);
            UPDATE pg_temp.postgis_operator_traps t SET created = true WHERE t.n = f.n;
        EXCEPTION WHEN duplicate_function OR duplicate_object THEN
            NULL;           -- PostGIS's own operator
        END;
    END LOOP;
END $$;
RESET ROLE;
-- From here on the test's own SQL qualifies what the traps shadow: even with
-- pg_catalog searched first, public.format(text, VARIADIC text[]) matches
-- text arguments better than pg_catalog.format(text, VARIADIC "any").

-- the extension's relations, and what a reader must not do to each kind
CREATE TEMP VIEW extension_relations AS
SELECT c.oid::regclass AS rel, c.relkind,
       (SELECT quote_ident(a.attname) FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attidentity = '' AND a.attgenerated = '' ORDER BY a.attnum LIMIT 1) AS first_column
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'terrind')
  AND c.relkind IN ('r', 'p', 'v', 'm', 'S');
CREATE TEMP VIEW refusals AS
SELECT r.rel, pg_catalog.format(v.what, r.rel) AS what, pg_catalog.format(v.sql, r.rel, r.first_column) AS sql
FROM extension_relations r
JOIN (VALUES ('r', 'INSERT INTO %s', 'INSERT INTO %s DEFAULT VALUES'),
             ('r', 'UPDATE %s', 'UPDATE %s SET %2$s = %2$s'),
             ('r', 'DELETE FROM %s', 'DELETE FROM %s'),
             ('r', 'TRUNCATE %s', 'TRUNCATE %s'),
             ('m', 'REFRESH %s', 'REFRESH MATERIALIZED VIEW %s'),
             ('S', 'advance %s', 'SELECT nextval(''%s'')'),
             ('S', 'set %s', 'SELECT setval(''%s'', 1)')) v(relkind, what, sql)
  ON v.relkind = CASE r.relkind WHEN 'p' THEN 'r' ELSE r.relkind END;

SELECT plan(18 + (SELECT count(*)::int FROM extension_relations) + (SELECT count(*)::int FROM refusals));

-- the traps work: an unqualified call in the careless search_path springs one
SELECT is(pg_temp.eval_in_path('public, terrind, pg_catalog', $$SELECT lower('X') || 'Y'$$), NULL,
          'control: unqualified lower() and || in a public-first search_path reach the attacker');
SELECT is((SELECT count(*)::int FROM public.attacker_calls), 2, 'control: the attacker recorded both calls');
DELETE FROM public.attacker_calls;
SELECT cmp_ok((SELECT count(*)::int FROM postgis_traps WHERE created), '>', 100,
              'control: traps for the PostGIS functions terrind calls (ST_XMin, ST_Area, ST_AsGeoJSON, …)');
SELECT cmp_ok((SELECT count(*)::int FROM postgis_operator_traps WHERE created), '>', 5,
              'control: traps for the PostGIS operators terrind names (&&, <->)');
SELECT is(pg_temp.eval_in_path('pg_catalog', $$SELECT public.st_xmin('POINT(1 2)'::public.geometry)::pg_catalog.text$$),
          NULL, 'control: a geometry passed where PostGIS declares box3d reaches the attacker');
SELECT throws_ok($$SELECT pg_temp.eval_in_path('pg_catalog', 'SELECT public.st_area(''POINT(1 2)''::public.geography)::pg_catalog.text')$$,
                 '42725', NULL, 'control: a call relying on PostGIS''s default arguments is now ambiguous');
SELECT is((SELECT count(*)::int FROM public.attacker_calls), 1, 'control: the attacker recorded the call');
DELETE FROM public.attacker_calls;

SELECT results_eq(
    pg_catalog.format('SELECT label, pg_temp.eval_in_path(%L, query) FROM hostile_cases ORDER BY label', p),
    'SELECT label, result FROM reference ORDER BY label',
    pg_catalog.format('same results with search_path = ''%s''', p))
FROM unnest(ARRAY['"$user", public', 'public, terrind, pg_catalog', '']) p;
SELECT is_empty($$SELECT called FROM public.attacker_calls$$, 'terrind called none of the attacker''s code');

SELECT is(pg_temp.sqlstate_as('terrind_attacker',
          'CREATE CAST (terrind.siren AS integer) WITH INOUT AS IMPLICIT'), '42501',
          'the attacker cannot add a cast to or from a terrind type');
SELECT is(pg_temp.sqlstate_as('terrind_attacker',
          'CREATE FUNCTION terrind.pwned() RETURNS integer LANGUAGE sql AS ''SELECT 1'''),
          '42501', 'the attacker cannot create objects in schema terrind');

-- ---------------------------------------------------- a read-only analyst
CREATE ROLE terrind_reader NOLOGIN;
SELECT lives_ok($$SELECT terrind.grant_read('terrind_reader')$$, 'grant_read gives a role read access');
GRANT SELECT ON hostile_data TO terrind_reader;

SELECT is(pg_temp.sqlstate_as('terrind_reader', $$
    SELECT terrind.format_eur(pg_catalog.sum(amount)), pg_catalog.min(commune), '732829320'::terrind.siren,
           terrind.region_of('2A004'), terrind.eur_sum_state_in('(1,1)')
    FROM pg_temp.hostile_data$$), '00000',
    'the reader can use terrind''s types, functions and aggregates');
SELECT is(pg_temp.sqlstate_as('terrind_reader', $$SELECT * FROM terrind.load_territories('2023-2027',
    E'id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique\nti-8413,P,200042935,C,CA\n')$$), '42501',
    'the reader cannot load data');
SELECT is(pg_temp.sqlstate_as('terrind_reader', 'CREATE TABLE terrind.reader_table ()'), '42501',
          'the reader cannot create objects in schema terrind');
SELECT is(pg_temp.sqlstate_as('terrind_reader', $$COMMENT ON TYPE terrind.eur IS 'changed'$$), '42501',
          'the reader cannot change terrind''s objects');

SELECT is(pg_temp.sqlstate_as('terrind_reader', pg_catalog.format('SELECT * FROM %s', rel)), '00000',
          pg_catalog.format('the reader can read %s', rel))
FROM extension_relations ORDER BY rel::text;
SELECT is(pg_temp.sqlstate_as('terrind_reader', sql), '42501', pg_catalog.format('the reader cannot %s', what))
FROM refusals ORDER BY rel::text, what;

SELECT * FROM finish();
ROLLBACK;
