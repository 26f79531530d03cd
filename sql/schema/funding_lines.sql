
-- ======================================================================
-- Funding lines: the reference data they point to (needs, sources and
-- programmes, statuses, measures), the table users fill, its loader, and
-- the exact totals per region, territory, need, source and status.
--
-- A line records an amount that reached one status: an operation followed
-- through the funnel has one line per status it reached (announced, then
-- engaged, then deployed).  Totals per status are therefore the funnel, and
-- are never added across statuses.
-- ======================================================================

-- Needs for BI tools: the need type's codes, labels and phases as text.
CREATE VIEW @extschema@.needs AS
SELECT @extschema@.need_phase(n.need) AS phase, n.need::text AS code, @extschema@.need_label(n.need) AS label,
       n.position::int AS position
FROM pg_catalog.unnest('{recruter,innover,attirer,simplifier,competences,innovation,transition_ecologique,foncier}'::@extschema@.need[])
     WITH ORDINALITY n(need, position);
COMMENT ON VIEW @extschema@.needs IS 'the needs of each phase with plain text columns for BI tools: phase, code (as terrind.need reads and writes it), French label, position in the programme''s order (1 to 8, phase 2018-2022 first)';

-- ----------------------------------------------------------------------
-- Reference data.  Seeded from public sources and extendable: rows users
-- add are kept by pg_dump (the seeded rows come back with the extension).
-- ----------------------------------------------------------------------
CREATE TABLE @extschema@.funding_source (
    code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
    name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
    kind text NOT NULL CHECK (kind IN ('programme', 'operator', 'public authority')),
    description text
);
COMMENT ON TABLE @extschema@.funding_source IS 'sources of funding lines: programmes (PIA, PIC, France Relance, Fonds Vert), operators (Banque des Territoires, Bpifrance, Business France, France Travail, ADEME) and public authorities (Regions, State/ANCT); seeded with those the public sources name, add others as needed';
COMMENT ON COLUMN @extschema@.funding_source.code IS 'short code: lower-case letters, digits and _';
COMMENT ON COLUMN @extschema@.funding_source.name IS 'name as spreadsheets write it; load_funding reads the code or the name, in any case';
COMMENT ON COLUMN @extschema@.funding_source.kind IS 'programme, operator or public authority';
COMMENT ON COLUMN @extschema@.funding_source.description IS 'what the public sources say of its part in the programme';
INSERT INTO @extschema@.funding_source (code, name, kind, description) VALUES
    ('pia', 'PIA', 'programme', 'Programme d''investissements d''avenir: more than 500 M€ of the 1.36 Md€ "prioritairement fléchés" in 2018'),
    ('pic', 'PIC', 'programme', 'Plan d''investissement dans les compétences: 250 M€ of the 2018 envelope; training needs and a call for professional-training engineering'),
    ('banque_des_territoires', 'Banque des Territoires', 'operator', 'Caisse des Dépôts: 500 M€ of the 2018 envelope, a commitment later raised to 1.05 Md€; engineering, industrial real estate, land and brownfield reconversion'),
    ('bpifrance', 'Bpifrance', 'operator', 'support for SME innovation and industrie du futur (with PIA funds)'),
    ('business_france', 'Business France', 'operator', 'attractiveness diagnostics and an export adviser per territory'),
    ('france_travail', 'France Travail', 'operator', 'ex-Pôle emploi: territorial GPEC'),
    ('ademe', 'ADEME', 'operator', 'industrial ecology'),
    ('france_relance', 'France Relance', 'programme', 'an industrial investment fund of 400 M€ (first tranche 150 M€), plus 298.5 M€ in 2021 shared 1:1 between the State and the Regions'),
    ('fonds_vert', 'Fonds Vert', 'programme', '100 M€ for the programme in 2024'),
    ('regions', 'Régions', 'public authority', 'the Regions pilot the programme (their presidents chair the steering) and co-finance it'),
    ('etat_anct', 'État / ANCT', 'public authority', 'the State, including the Agence nationale de la cohésion des territoires');

CREATE TABLE @extschema@.funding_status (
    status text PRIMARY KEY CHECK (status ~ '^[a-z_]+$'),
    position int NOT NULL UNIQUE,
    label text NOT NULL UNIQUE CHECK (btrim(label) <> ''),
    description text
);
COMMENT ON TABLE @extschema@.funding_status IS 'statuses a funding line''s amount reached, in the order of the funnel: announced, engaged, deployed';
COMMENT ON COLUMN @extschema@.funding_status.position IS 'place in the funnel, for sorting: announced 1, engaged 2, deployed 3';
COMMENT ON COLUMN @extschema@.funding_status.label IS 'French label; load_funding reads the status or the label, in any case';
INSERT INTO @extschema@.funding_status (status, position, label, description) VALUES
    ('announced', 1, 'Annoncé', 'announced by the State or an operator; the official totals of the programme are announcements'),
    ('engaged', 2, 'Engagé', 'committed to projects (the Cour des comptes counted 1.7 Md€ engaged in November 2024)'),
    ('deployed', 3, 'Déployé', 'actually deployed (the Cour des comptes counted 794 M€ deployed in November 2024)');

-- Measures: the services of the programme's offer.  A measure whose terms
-- change gets a new row (a new code, its own validity, replaces = the old
-- code), so that funding lines keep the terms they were decided under.
CREATE TABLE @extschema@.measure (
    phase text NOT NULL REFERENCES @extschema@.phase,
    code text NOT NULL CHECK (code ~ '^[a-z0-9_]+$'),
    need @extschema@.need NOT NULL,
    label text NOT NULL CHECK (btrim(label) <> ''),
    description text,
    source text REFERENCES @extschema@.funding_source,
    unit_amount @extschema@.eur CHECK (unit_amount OPERATOR(pg_catalog.>) '0'),
    unit text,
    valid_from date,
    valid_to date,
    replaces text,
    PRIMARY KEY (phase, code),
    UNIQUE (phase, need, code),
    UNIQUE (phase, label),
    FOREIGN KEY (phase, replaces) REFERENCES @extschema@.measure (phase, code),
    CONSTRAINT measure_need_of_its_phase CHECK (@extschema@.need_phase(need) = phase),
    CONSTRAINT measure_unit_amount_has_unit CHECK ((unit_amount IS NULL) = (unit IS NULL)),
    CONSTRAINT measure_validity CHECK (valid_to >= valid_from)
);
COMMENT ON TABLE @extschema@.measure IS 'measures (services) of the programme''s offer per phase and need; seeded with the phase-1 measures public sources name, a PARTIAL list (the 2018 offer had 17 or 18 measures, later about 30 services, never itemised in full; no phase-2 list is seeded); add yours';
COMMENT ON COLUMN @extschema@.measure.code IS 'short code, unique within the phase; funding lines refer to it';
COMMENT ON COLUMN @extschema@.measure.need IS 'the need it answers, of the measure''s phase';
COMMENT ON COLUMN @extschema@.measure.source IS 'the operator or programme that provides it, NULL where the sources do not say';
COMMENT ON COLUMN @extschema@.measure.unit_amount IS 'public amount per unit, e.g. 4 000 € per young graduate hired (VTE); NULL where none is published';
COMMENT ON COLUMN @extschema@.measure.unit IS 'what unit_amount is per, e.g. ''young graduate hired''';
COMMENT ON COLUMN @extschema@.measure.valid_from IS 'first day the measure was offered on these terms, NULL when not published';
COMMENT ON COLUMN @extschema@.measure.valid_to IS 'last day, NULL when open or not published';
COMMENT ON COLUMN @extschema@.measure.replaces IS 'code of the earlier version of this measure, in the same phase';
INSERT INTO @extschema@.measure (phase, code, need, label, description, source, unit_amount, unit, valid_from, valid_to) VALUES
    ('2018-2022', 'vte', 'recruter', 'Volontariat Territorial en Entreprise (VTE)', 'a young graduate hired by an industrial company of the territory', NULL, '4000', 'young graduate hired', NULL, NULL),
    ('2018-2022', 'pic_competences', 'recruter', 'Plan d''investissement dans les compétences (PIC)', 'training for the skills the territory''s industry needs', 'pic', NULL, NULL, NULL, NULL),
    ('2018-2022', 'pic_ingenierie_formation', 'recruter', 'Appel à projets PIC ingénierie de formation', 'PIC call for projects of professional-training engineering', 'pic', NULL, NULL, NULL, NULL),
    ('2018-2022', 'gpec_territoriale', 'recruter', 'GPEC territoriale', 'territorial forward planning of jobs and skills, with France Travail (ex-Pôle emploi)', 'france_travail', NULL, NULL, NULL, NULL),
    ('2018-2022', 'innovation_pme', 'innover', 'Innovation des PME et industrie du futur', 'support for SME innovation and industrie du futur (Bpifrance, with PIA funds)', 'bpifrance', NULL, NULL, NULL, NULL),
    ('2018-2022', 'ecologie_industrielle', 'innover', 'Écologie industrielle', 'industrial ecology (ADEME)', 'ademe', NULL, NULL, NULL, NULL),
    ('2018-2022', 'ingenierie', 'attirer', 'Ingénierie (Banque des Territoires)', 'engineering for the territory''s projects', 'banque_des_territoires', NULL, NULL, NULL, NULL),
    ('2018-2022', 'immobilier_industriel', 'attirer', 'Immobilier industriel', 'industrial real estate', 'banque_des_territoires', NULL, NULL, NULL, NULL),
    ('2018-2022', 'foncier_friches', 'attirer', 'Foncier et reconversion de friches', 'land and brownfield reconversion', 'banque_des_territoires', NULL, NULL, NULL, NULL),
    ('2018-2022', 'diagnostic_attractivite', 'attirer', 'Diagnostic d''attractivité', 'attractiveness diagnostic of the territory', 'business_france', NULL, NULL, NULL, NULL),
    ('2018-2022', 'conseiller_export', 'attirer', 'Conseiller export', 'an export adviser per territory', 'business_france', NULL, NULL, NULL, NULL),
    ('2018-2022', 'sites_cles_en_main', 'attirer', 'Sites industriels clés en main', '"clés en main" industrial sites: 12 in January 2020, 127 in September 2021, 55 more in 2024', NULL, NULL, NULL, NULL, NULL),
    ('2018-2022', 'france_experimentation', 'simplifier', 'France Expérimentation', 'call for regulatory derogations', NULL, NULL, NULL, '2018-12-20', '2019-04-30'),
    ('2018-2022', 'referent_operateur', 'simplifier', 'Référent unique par opérateur', 'one referent per operator per territory', NULL, NULL, NULL, NULL, NULL);

-- ----------------------------------------------------------------------
-- The funding lines
-- ----------------------------------------------------------------------
CREATE TABLE @extschema@.funding (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phase text NOT NULL,
    territory_id @extschema@.ti_code NOT NULL,
    need @extschema@.need NOT NULL,
    measure text,
    source text NOT NULL REFERENCES @extschema@.funding_source,
    status text NOT NULL REFERENCES @extschema@.funding_status,
    amount @extschema@.eur NOT NULL,
    decided_on date,
    siret @extschema@.siret,
    location geometry(Geometry, 4326),
    label text,
    -- RESTRICT: removing a territory must not take its money with it
    -- (load_territories refuses such a list, naming the territories)
    CONSTRAINT funding_territory_of_its_phase FOREIGN KEY (phase, territory_id)
        REFERENCES @extschema@.territory ON DELETE RESTRICT,
    CONSTRAINT funding_measure_of_its_phase_and_need FOREIGN KEY (phase, need, measure)
        REFERENCES @extschema@.measure (phase, need, code),
    CONSTRAINT funding_need_of_its_phase CHECK (@extschema@.need_phase(need) = phase)
);
CREATE INDEX funding_territory_idx ON @extschema@.funding (phase, territory_id);
CREATE INDEX funding_location_idx ON @extschema@.funding USING gist (location) WHERE location IS NOT NULL;
COMMENT ON TABLE @extschema@.funding IS 'funding lines: an amount of a source for a territory''s need that reached a status; an operation followed through the funnel has one line per status it reached, so totals are added per status, never across statuses';
COMMENT ON COLUMN @extschema@.funding.id IS 'generated key';
COMMENT ON SEQUENCE @extschema@.funding_id_seq IS 'generates funding.id; registered for pg_dump with the table';
COMMENT ON COLUMN @extschema@.funding.territory_id IS 'territory of the line''s phase; a territory with funding lines cannot be deleted (23503)';
COMMENT ON COLUMN @extschema@.funding.need IS 'need of the line''s phase (constraint funding_need_of_its_phase)';
COMMENT ON COLUMN @extschema@.funding.measure IS 'code of a measure of the same phase and need, optional';
COMMENT ON COLUMN @extschema@.funding.source IS 'code of the programme, operator or authority (funding_source)';
COMMENT ON COLUMN @extschema@.funding.status IS 'announced, engaged or deployed (funding_status)';
COMMENT ON COLUMN @extschema@.funding.amount IS 'amount that reached the status, exact to the cent; a correction (a cancelled commitment) is a negative line';
COMMENT ON COLUMN @extschema@.funding.decided_on IS 'date of the decision, optional';
COMMENT ON COLUMN @extschema@.funding.siret IS 'establishment funded, optional';
COMMENT ON COLUMN @extschema@.funding.location IS 'where the money goes (a site, a parcel), EPSG:4326, optional';
COMMENT ON COLUMN @extschema@.funding.label IS 'what was funded, free text, optional';

SELECT pg_catalog.pg_extension_config_dump('terrind.funding', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.funding_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.funding_source',
    'WHERE code NOT IN (''pia'', ''pic'', ''banque_des_territoires'', ''bpifrance'', ''business_france'', ''france_travail'', ''ademe'', ''france_relance'', ''fonds_vert'', ''regions'', ''etat_anct'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.funding_status',
    'WHERE status NOT IN (''announced'', ''engaged'', ''deployed'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.measure',
    'WHERE NOT (phase = ''2018-2022'' AND code IN (''vte'', ''pic_competences'', ''pic_ingenierie_formation'', ''gpec_territoriale'', ''innovation_pme'', ''ecologie_industrielle'', ''ingenierie'', ''immobilier_industriel'', ''foncier_friches'', ''diagnostic_attractivite'', ''conseiller_export'', ''sites_cles_en_main'', ''france_experimentation'', ''referent_operateur''))');

-- ----------------------------------------------------------------------
-- Loader
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.date_from_text(v text)
RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- checked field by field rather than cast, so that a bad date is NULL
    -- (a loader reports it) instead of an error
    SELECT CASE WHEN d.m BETWEEN 1 AND 12 AND d.y BETWEEN 1900 AND 2200 AND d.d >= 1
                 AND d.d <= extract(day FROM make_date(d.y, d.m, 1) + interval '1 month' - interval '1 day')
                THEN make_date(d.y, d.m, d.d) END
    FROM (SELECT coalesce(g[1], g[6])::int AS y, coalesce(g[2], g[5])::int AS m, coalesce(g[3], g[4])::int AS d
          FROM regexp_match(btrim(v), '^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{1,2})/(\d{1,2})/(\d{4})$') g) d
$$;
COMMENT ON FUNCTION @extschema@.date_from_text(text) IS 'used by load_funding: a day written 2024-03-15 (ISO 8601) or 15/03/2024 (French), NULL if the text is no such valid date';

CREATE FUNCTION @extschema@.load_funding(csv text, replace boolean DEFAULT false)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    problems text[];
    total bigint;
    ph text;
BEGIN
    IF csv IS NULL OR replace IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_funding: csv and replace must not be NULL';
    END IF;
    IF to_regclass('pg_temp.terrind_funding_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_funding_rows;
    END IF;
    CREATE TEMP TABLE terrind_funding_rows ON COMMIT DROP AS
    SELECT c.line, c.field_count, c.header_count,
           c.v[1] AS phase, c.v[2] AS id, c.v[3] AS need, c.v[4] AS measure, c.v[5] AS source, c.v[6] AS status,
           c.v[7] AS amount, c.v[8] AS decided_on, c.v[9] AS siret, c.v[10] AS label,
           (SELECT p.phase FROM phase p WHERE p.phase = c.v[1]) AS known_phase,
           input_error(c.v[2], 'terrind.ti_code') AS id_error,
           input_error(c.v[3], 'terrind.need') AS need_error,
           input_error(c.v[7], 'terrind.eur') AS amount_error,
           input_error(c.v[9], 'terrind.siret') AS siret_error,
           date_from_text(c.v[8]) AS day,
           -- codes or names in any case; a code wins over another row's name
           (SELECT s.code FROM funding_source s WHERE lower(c.v[5]) IN (s.code, lower(s.name))
            ORDER BY s.code = lower(c.v[5]) DESC LIMIT 1) AS source_code,
           (SELECT s.status FROM funding_status s WHERE lower(c.v[6]) IN (s.status, lower(s.label))
            ORDER BY s.status = lower(c.v[6]) DESC LIMIT 1) AS status_code,
           m.code AS measure_code, m.need AS measure_need
    FROM csv_columns(csv, ARRAY['phase', 'id_ti|territory_id|id_territoire', 'need|besoin', '?measure|mesure',
                                'source|financeur', 'status|statut', 'amount|montant',
                                '?decided_on|date_decision', '?siret', '?label|libelle']) c
    LEFT JOIN LATERAL (SELECT m.code, m.need FROM measure m WHERE m.phase = c.v[1] AND lower(c.v[4]) IN (m.code, lower(m.label))
                       ORDER BY m.code = lower(c.v[4]) DESC LIMIT 1) m ON true;

    -- the phase lists cannot change until the lines are in
    FOR ph IN SELECT DISTINCT r.known_phase FROM pg_temp.terrind_funding_rows r WHERE r.known_phase IS NOT NULL ORDER BY 1 LOOP
        PERFORM lock_phase_list(ph, 'load_funding');
    END LOOP;

    SELECT count(*) INTO total FROM pg_temp.terrind_funding_rows;
    WITH r AS (
        SELECT * FROM pg_temp.terrind_funding_rows WHERE field_count = header_count
    ), valid AS (       -- rows whose phase, territory and need read, for the checks across columns
        SELECT r.*, r.id::ti_code AS tid, r.need::need AS n
        FROM r WHERE r.known_phase IS NOT NULL AND r.id_error IS NULL AND r.id IS NOT NULL
                 AND r.need_error IS NULL AND r.need IS NOT NULL
    ), problem AS (
        SELECT line, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_funding_rows WHERE field_count <> header_count
        UNION ALL
        SELECT line, CASE WHEN phase IS NULL THEN 'phase is empty'
                          ELSE format('phase %L: expected %s', phase, (SELECT string_agg(p.phase, ' or ' ORDER BY p.phase) FROM phase p)) END
        FROM r WHERE known_phase IS NULL
        UNION ALL
        SELECT line, CASE WHEN id IS NULL THEN 'id_ti is empty' ELSE 'id_ti: ' || id_error END
        FROM r WHERE id IS NULL OR id_error IS NOT NULL
        UNION ALL
        SELECT line, CASE WHEN need IS NULL THEN 'need is empty' ELSE 'need: ' || need_error END
        FROM r WHERE need IS NULL OR need_error IS NOT NULL
        UNION ALL
        SELECT line, CASE WHEN amount IS NULL THEN 'amount is empty' ELSE 'amount: ' || amount_error END
        FROM r WHERE amount IS NULL OR amount_error IS NOT NULL
        UNION ALL
        SELECT line, CASE WHEN source IS NULL THEN 'source is empty'
                          ELSE format('source %L is not in terrind.funding_source (%s): add it there first', source,
                                      (SELECT string_agg(s.code, ', ' ORDER BY s.code) FROM funding_source s)) END
        FROM r WHERE source_code IS NULL
        UNION ALL
        SELECT line, CASE WHEN status IS NULL THEN 'status is empty'
                          ELSE format('status %L: expected %s', status,
                                      (SELECT string_agg(s.status || ' (' || s.label || ')', ', ' ORDER BY s.position) FROM funding_status s)) END
        FROM r WHERE status_code IS NULL
        UNION ALL
        SELECT line, format('decided_on %L: expected a date such as 2024-03-15 or 15/03/2024', decided_on)
        FROM r WHERE decided_on IS NOT NULL AND day IS NULL
        UNION ALL
        SELECT line, 'siret: ' || siret_error FROM r WHERE siret_error IS NOT NULL
        UNION ALL
        SELECT line, format('need %s belongs to phase %s, not %s', n, need_phase(n), phase)
        FROM valid WHERE need_phase(n) <> phase
        UNION ALL
        SELECT line, format('%s is not a territory of phase %s', tid, phase)
        FROM valid v WHERE NOT EXISTS (SELECT 1 FROM territory t WHERE t.phase = v.phase AND t.id = v.tid)
        UNION ALL
        SELECT line, format('measure %L is not in terrind.measure for phase %s', measure, phase)
        FROM valid WHERE measure IS NOT NULL AND measure_code IS NULL
        UNION ALL
        SELECT line, format('measure %s answers need %s, not %s', measure_code, measure_need, n)
        FROM valid WHERE measure_code IS NOT NULL AND measure_need <> n
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what) INTO problems FROM problem;
    PERFORM reject_load('load_funding', problems, total, false);

    IF replace THEN     -- the file is the whole list of each phase and source it holds
        DELETE FROM funding f
        WHERE (f.phase, f.source) IN (SELECT r.phase, r.source_code FROM pg_temp.terrind_funding_rows r);
        GET DIAGNOSTICS total = ROW_COUNT;
        item := 'funding lines replaced'; loaded := total; RETURN NEXT;
    END IF;
    INSERT INTO funding (phase, territory_id, need, measure, source, status, amount, decided_on, siret, label)
    SELECT r.phase, r.id::ti_code, r.need::need, r.measure_code, r.source_code, r.status_code, r.amount::eur,
           r.day, r.siret::siret, r.label
    FROM pg_temp.terrind_funding_rows r ORDER BY r.line;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'funding lines'; loaded := total; RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_funding(text, boolean) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_funding(text, boolean) IS 'load funding lines from a CSV spreadsheet (columns by header name: phase, id_ti, need, measure, source, status, amount, decided_on, siret, label; needs as codes or French labels, amounts as eur reads them, 1 234,56 € or 1,2 M€), appended; with replace => true the lines of each (phase, source) the file holds replace the earlier ones; all or nothing, every bad row reported with its line';

-- ----------------------------------------------------------------------
-- Totals per region: each territory's lines split among the regions it
-- spans, exactly (apportion), so that regions add up to the national total.
-- ----------------------------------------------------------------------
CREATE FUNCTION @extschema@.require_split_method(phase text, method text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_phase(phase);
    IF method IS NULL OR method NOT IN ('lead', 'population', 'area') THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown method %L to split territories among regions', method),
            DETAIL = 'Methods: lead (the lead region takes all), population (by the population of the communes in each region), area (by the area in each region, once geometries are loaded).';
    END IF;
    IF method = 'area' THEN
        PERFORM require_geometries(phase);
        IF NOT EXISTS (SELECT 1 FROM region r WHERE r.geom IS NOT NULL) THEN
            RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'method area: region boundaries are not loaded',
                HINT = 'Load them with terrind.load_boundaries(''region'', …), or use the method population.';
        END IF;
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.require_split_method(text, text) IS 'used by region_weights and funding_by_region: 22023 for an unknown phase or method; for area, 55000 without territory geometries or region boundaries';

CREATE FUNCTION @extschema@.region_weights(phase text, method text)
RETURNS TABLE (territory_id @extschema@.ti_code, region text, weight numeric, fallback boolean)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_split_method(phase, method);
    RETURN QUERY
    WITH shares AS (
        SELECT p.territory_id, p.region, p.population::numeric AS w
        FROM territory_region_population p
        WHERE method = 'population' AND p.phase = region_weights.phase AND p.population > 0
        UNION ALL
        SELECT g.id, s.region, s.area_share::numeric
        FROM territory_geometry g CROSS JOIN LATERAL region_shares(g.phase, g.id::text) s
        WHERE method = 'area' AND g.phase = region_weights.phase AND s.area_share > 0
    )
    -- territories the method cannot split go to their lead region
    SELECT t.id, coalesce(s.region, t.lead_region), coalesce(s.w, 1), s.region IS NULL AND method <> 'lead'
    FROM territory t LEFT JOIN shares s ON s.territory_id = t.id
    WHERE t.phase = region_weights.phase
    ORDER BY 1, 2;
END $$;
COMMENT ON FUNCTION @extschema@.region_weights(text, text) IS 'the regions each territory of a phase is split among, with their weights: lead (its lead region, weight 1), population (population of its communes in each region), area (region_shares area_share); fallback is true where the method knows nothing of the territory (no population, no geometry) and its lead region takes all; 22023 for an unknown phase or method, 55000 for area without geometries';

CREATE FUNCTION @extschema@.funding_by_region(phase text, method text DEFAULT 'lead')
RETURNS TABLE (region text, region_name text, need @extschema@.need, status text,
               amount @extschema@.eur, amount_numeric numeric)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    PERFORM require_split_method(phase, method);
    -- each territory's sum per need and status is split once: exact, and as
    -- many apportion() calls as sums, not as lines
    RETURN QUERY
    WITH sums AS (
        SELECT f.territory_id, f.need, f.status, sum(f.amount) AS amount
        FROM funding f WHERE f.phase = funding_by_region.phase
        GROUP BY f.territory_id, f.need, f.status
    ), weights AS (
        SELECT w.territory_id, array_agg(w.region ORDER BY w.region) AS regions,
               array_agg(w.weight ORDER BY w.region) AS weights
        FROM region_weights(funding_by_region.phase, method) w GROUP BY w.territory_id
    ), parts AS (
        SELECT p.region, s.need, s.status, sum(p.amount) AS amount
        FROM sums s JOIN weights w USING (territory_id)
        CROSS JOIN LATERAL unnest(w.regions, apportion(s.amount, w.weights)) p(region, amount)
        GROUP BY p.region, s.need, s.status
    )
    SELECT p.region, r.name, p.need, p.status, p.amount, p.amount::numeric
    FROM parts p
    LEFT JOIN region r ON r.code = p.region
    JOIN funding_status st ON st.status = p.status
    ORDER BY p.region, p.need, st.position;
END $$;
COMMENT ON FUNCTION @extschema@.funding_by_region(text, text) IS 'funding of a phase per region, need and status, exact to the cent: method lead (the default) gives each line to its territory''s lead region, population and area split territories spanning regions by region_weights (the lead region takes all where the method knows nothing); each territory''s sum per need and status is apportioned, so the regions add up exactly to the national total of every need and status; amount_numeric for BI tools; 22023 for an unknown phase or method, 55000 for area without geometries';

CREATE FUNCTION @extschema@.deployment_rate(deployed numeric, engaged numeric)
RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN engaged OPERATOR(pg_catalog.<>) 0
                THEN pg_catalog.round(coalesce(deployed, 0) OPERATOR(pg_catalog./) engaged, 4) END
$$;
COMMENT ON FUNCTION @extschema@.deployment_rate(numeric, numeric) IS 'deployed ÷ engaged, rounded to 4 decimals; NULL when nothing is engaged';

-- ----------------------------------------------------------------------
-- Views for BI tools: plain column types (text, numeric, bigint), amounts
-- as numeric(19,2) and eur.  Rollup rows hold NULL in the columns they
-- total over, and level names the columns a row is broken down by
-- ('territory, need, status' for detail rows ... 'status' for the phase
-- total).  Statuses are never rolled up: they are stages, not parts.
-- ----------------------------------------------------------------------
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

CREATE VIEW @extschema@.funding_territory_rates AS
SELECT x.*, @extschema@.deployment_rate(x.deployed, x.engaged) AS deployment_rate
FROM (SELECT t.phase, CASE GROUPING(t.id) WHEN 0 THEN 'territory' ELSE 'phase' END AS level,
             t.id::text AS territory_id, t.name AS territory_name, t.lead_region, count(f.id) AS lines,
             coalesce(pg_catalog.sum(f.amount) FILTER (WHERE f.status = 'announced'), '0')::numeric(19,2) AS announced,
             coalesce(pg_catalog.sum(f.amount) FILTER (WHERE f.status = 'engaged'), '0')::numeric(19,2) AS engaged,
             coalesce(pg_catalog.sum(f.amount) FILTER (WHERE f.status = 'deployed'), '0')::numeric(19,2) AS deployed
      FROM @extschema@.territory t
      LEFT JOIN @extschema@.funding f ON f.phase = t.phase AND f.territory_id OPERATOR(pg_catalog.=) t.id
      GROUP BY GROUPING SETS ((t.phase, t.id, t.name, t.lead_region), (t.phase))) x;
COMMENT ON VIEW @extschema@.funding_territory_rates IS 'every territory (level territory) and each phase (level phase) with its amounts announced, engaged and deployed (numeric(19,2), 0 without lines) and its deployment rate, deployed ÷ engaged (NULL when nothing is engaged)';

CREATE VIEW @extschema@.funding_region_rates AS
SELECT x.*, @extschema@.deployment_rate(x.deployed, x.engaged) AS deployment_rate
FROM (SELECT r.phase, CASE GROUPING(r.lead_region) WHEN 0 THEN 'region' ELSE 'phase' END AS level,
             r.lead_region AS region, g.name AS region_name, count(*) AS territories, sum(r.lines)::bigint AS lines,
             sum(r.announced)::numeric(19,2) AS announced, sum(r.engaged)::numeric(19,2) AS engaged,
             sum(r.deployed)::numeric(19,2) AS deployed
      FROM @extschema@.funding_territory_rates r
      LEFT JOIN @extschema@.region g ON g.code = r.lead_region
      WHERE r.level = 'territory'
      GROUP BY GROUPING SETS ((r.phase, r.lead_region, g.name), (r.phase))) x;
COMMENT ON VIEW @extschema@.funding_region_rates IS 'each lead region (level region) and each phase (level phase) with its territories, amounts announced, engaged and deployed (numeric(19,2)) and deployment rate, deployed ÷ engaged (NULL when nothing is engaged); regions as the lead method of funding_by_region';

-- For territories_geojson (spatial.sql): a territory's totals per status
-- and need, as GeoJSON properties.
CREATE FUNCTION @extschema@.funding_totals(phase text, territory_id text)
RETURNS jsonb
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT coalesce(jsonb_object_agg(x.status, x.by_need::jsonb), '{}')
    FROM (SELECT f.status, sum_by_need(f.amount, f.need) AS by_need FROM funding f
          WHERE f.phase = $1 AND f.territory_id = $2::ti_code GROUP BY f.status) x
$$;
COMMENT ON FUNCTION @extschema@.funding_totals(text, text) IS 'a territory''s funding per status and need as JSON, French need labels as keys and euros as numbers: {"engaged": {"Recruter": 1234.56}}; {} without funding lines';
