
-- ======================================================================
-- Eligibility facts: employment by zone, sector and year (the data the
-- specialisation indicators need), the sector tables saying what counts as
-- industry, their loader, and the facts rules read, computed set-wise for
-- every EPCI or every territory of a phase (README, Eligibility).
-- No employment figures ship with terrind: users load INSEE's or URSSAF's.
-- ======================================================================

-- sector nomenclatures --------------------------------------------------
CREATE TABLE @extschema@.sector_nomenclature (
    nomenclature text PRIMARY KEY CHECK (nomenclature ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
    label text NOT NULL CHECK (btrim(label) <> ''),
    source text NOT NULL CHECK (btrim(source) <> '')
);
COMMENT ON TABLE @extschema@.sector_nomenclature IS 'nomenclatures employment figures are coded in: NA17, NA38 and NAF-section are seeded (INSEE, NA 2008 over NAF rév. 2); add your own with their sectors';
COMMENT ON COLUMN @extschema@.sector_nomenclature.source IS 'where the codes and the industry flags come from';

CREATE TABLE @extschema@.sector (
    nomenclature text NOT NULL REFERENCES @extschema@.sector_nomenclature,
    code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_.-]*$'),
    label text NOT NULL CHECK (btrim(label) <> ''),
    naf_divisions text,
    industry boolean NOT NULL,
    PRIMARY KEY (nomenclature, code)
);
COMMENT ON TABLE @extschema@.sector IS 'sector codes of each nomenclature and whether they count as industry (NAF sections B to E: extraction, manufacturing, energy, water and waste), as the facts'' industry_jobs add them up';
COMMENT ON COLUMN @extschema@.sector.code IS 'the code as the source files write it, upper case (C1, CA, B)';
COMMENT ON COLUMN @extschema@.sector.naf_divisions IS 'the NAF rév. 2 divisions the code covers (''10-12''), for reference';
COMMENT ON COLUMN @extschema@.sector.industry IS 'true when every division it covers lies in NAF sections B to E (divisions 05 to 39)';

-- Codes, labels and divisions: INSEE, "La nomenclature agrégée (NA), 2008"
-- and its table of correspondence with NAF rév. 2 (table_NAF2-NA.xls,
-- https://www.insee.fr/fr/information/2028155).  Industry = sections B-E:
-- NA17 DE, C1-C5; NA38 BZ, CA-CM, DZ, EZ.
INSERT INTO @extschema@.sector_nomenclature VALUES
    ('NA17', 'NA 2008, level A 17 (17 groups of NAF rév. 2)', 'INSEE, La nomenclature agrégée (NA), 2008: https://www.insee.fr/fr/information/2028155'),
    ('NA38', 'NA 2008, level A 38 (38 groups of NAF rév. 2)', 'INSEE, La nomenclature agrégée (NA), 2008: https://www.insee.fr/fr/information/2028155'),
    ('NAF-section', 'NAF rév. 2 sections A to U (level A 21)', 'INSEE, NAF rév. 2 (décret 2007-1888): https://www.insee.fr/fr/information/2406147');
INSERT INTO @extschema@.sector (nomenclature, code, naf_divisions, industry, label) VALUES
    ('NA17', 'AZ', '01-03', false, 'Agriculture, sylviculture et pêche'),
    ('NA17', 'DE', '05-09, 35-39', true, 'Industries extractives, énergie, eau, gestion des déchets et dépollution'),
    ('NA17', 'C1', '10-12', true, 'Fabrication de denrées alimentaires, de boissons et de produits à base de tabac'),
    ('NA17', 'C2', '19', true, 'Cokéfaction et raffinage'),
    ('NA17', 'C3', '26-28', true, 'Fabrication d''équipements électriques, électroniques, informatiques ; fabrication de machines'),
    ('NA17', 'C4', '29-30', true, 'Fabrication de matériels de transport'),
    ('NA17', 'C5', '13-18, 20-25, 31-33', true, 'Fabrication d''autres produits industriels'),
    ('NA17', 'FZ', '41-43', false, 'Construction'),
    ('NA17', 'GZ', '45-47', false, 'Commerce ; réparation d''automobiles et de motocycles'),
    ('NA17', 'HZ', '49-53', false, 'Transports et entreposage'),
    ('NA17', 'IZ', '55-56', false, 'Hébergement et restauration'),
    ('NA17', 'JZ', '58-63', false, 'Information et communication'),
    ('NA17', 'KZ', '64-66', false, 'Activités financières et d''assurance'),
    ('NA17', 'LZ', '68', false, 'Activités immobilières'),
    ('NA17', 'MN', '69-82', false, 'Activités scientifiques et techniques ; services administratifs et de soutien'),
    ('NA17', 'OQ', '84-88', false, 'Administration publique, enseignement, santé humaine et action sociale'),
    ('NA17', 'RU', '90-99', false, 'Autres activités de services'),
    ('NA38', 'AZ', '01-03', false, 'Agriculture, sylviculture et pêche'),
    ('NA38', 'BZ', '05-09', true, 'Industries extractives'),
    ('NA38', 'CA', '10-12', true, 'Fabrication de denrées alimentaires, de boissons et de produits à base de tabac'),
    ('NA38', 'CB', '13-15', true, 'Fabrication de textiles, industries de l''habillement, industrie du cuir et de la chaussure'),
    ('NA38', 'CC', '16-18', true, 'Travail du bois, industries du papier et imprimerie'),
    ('NA38', 'CD', '19', true, 'Cokéfaction et raffinage'),
    ('NA38', 'CE', '20', true, 'Industrie chimique'),
    ('NA38', 'CF', '21', true, 'Industrie pharmaceutique'),
    ('NA38', 'CG', '22-23', true, 'Fabrication de produits en caoutchouc et en plastique ainsi que d''autres produits minéraux non métalliques'),
    ('NA38', 'CH', '24-25', true, 'Métallurgie et fabrication de produits métalliques à l''exception des machines et des équipements'),
    ('NA38', 'CI', '26', true, 'Fabrication de produits informatiques, électroniques et optiques'),
    ('NA38', 'CJ', '27', true, 'Fabrication d''équipements électriques'),
    ('NA38', 'CK', '28', true, 'Fabrication de machines et équipements n.c.a.'),
    ('NA38', 'CL', '29-30', true, 'Fabrication de matériels de transport'),
    ('NA38', 'CM', '31-33', true, 'Autres industries manufacturières ; réparation et installation de machines et d''équipements'),
    ('NA38', 'DZ', '35', true, 'Production et distribution d''électricité, de gaz, de vapeur et d''air conditionné'),
    ('NA38', 'EZ', '36-39', true, 'Production et distribution d''eau ; assainissement, gestion des déchets et dépollution'),
    ('NA38', 'FZ', '41-43', false, 'Construction'),
    ('NA38', 'GZ', '45-47', false, 'Commerce ; réparation d''automobiles et de motocycles'),
    ('NA38', 'HZ', '49-53', false, 'Transports et entreposage'),
    ('NA38', 'IZ', '55-56', false, 'Hébergement et restauration'),
    ('NA38', 'JA', '58-60', false, 'Édition, audiovisuel et diffusion'),
    ('NA38', 'JB', '61', false, 'Télécommunications'),
    ('NA38', 'JC', '62-63', false, 'Activités informatiques et services d''information'),
    ('NA38', 'KZ', '64-66', false, 'Activités financières et d''assurance'),
    ('NA38', 'LZ', '68', false, 'Activités immobilières'),
    ('NA38', 'MA', '69-71', false, 'Activités juridiques, comptables, de gestion, d''architecture, d''ingénierie, de contrôle et d''analyses techniques'),
    ('NA38', 'MB', '72', false, 'Recherche-développement scientifique'),
    ('NA38', 'MC', '73-75', false, 'Autres activités spécialisées, scientifiques et techniques'),
    ('NA38', 'NZ', '77-82', false, 'Activités de services administratifs et de soutien'),
    ('NA38', 'OZ', '84', false, 'Administration publique et défense ; sécurité sociale obligatoire'),
    ('NA38', 'PZ', '85', false, 'Enseignement'),
    ('NA38', 'QA', '86', false, 'Activités pour la santé humaine'),
    ('NA38', 'QB', '87-88', false, 'Hébergement médico-social et social et action sociale sans hébergement'),
    ('NA38', 'RZ', '90-93', false, 'Arts, spectacles et activités récréatives'),
    ('NA38', 'SZ', '94-96', false, 'Autres activités de services'),
    ('NA38', 'TZ', '97-98', false, 'Activités des ménages en tant qu''employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre'),
    ('NA38', 'UZ', '99', false, 'Activités extra-territoriales'),
    ('NAF-section', 'A', '01-03', false, 'Agriculture, sylviculture et pêche'),
    ('NAF-section', 'B', '05-09', true, 'Industries extractives'),
    ('NAF-section', 'C', '10-33', true, 'Industrie manufacturière'),
    ('NAF-section', 'D', '35', true, 'Production et distribution d''électricité, de gaz, de vapeur et d''air conditionné'),
    ('NAF-section', 'E', '36-39', true, 'Production et distribution d''eau ; assainissement, gestion des déchets et dépollution'),
    ('NAF-section', 'F', '41-43', false, 'Construction'),
    ('NAF-section', 'G', '45-47', false, 'Commerce ; réparation d''automobiles et de motocycles'),
    ('NAF-section', 'H', '49-53', false, 'Transports et entreposage'),
    ('NAF-section', 'I', '55-56', false, 'Hébergement et restauration'),
    ('NAF-section', 'J', '58-63', false, 'Information et communication'),
    ('NAF-section', 'K', '64-66', false, 'Activités financières et d''assurance'),
    ('NAF-section', 'L', '68', false, 'Activités immobilières'),
    ('NAF-section', 'M', '69-75', false, 'Activités spécialisées, scientifiques et techniques'),
    ('NAF-section', 'N', '77-82', false, 'Activités de services administratifs et de soutien'),
    ('NAF-section', 'O', '84', false, 'Administration publique'),
    ('NAF-section', 'P', '85', false, 'Enseignement'),
    ('NAF-section', 'Q', '86-88', false, 'Santé humaine et action sociale'),
    ('NAF-section', 'R', '90-93', false, 'Arts, spectacles et activités récréatives'),
    ('NAF-section', 'S', '94-96', false, 'Autres activités de services'),
    ('NAF-section', 'T', '97-98', false, 'Activités des ménages en tant qu''employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre'),
    ('NAF-section', 'U', '99', false, 'Activités extra-territoriales');

-- employment -------------------------------------------------------------
-- One nomenclature per year, so that a year's figures add up: the year
-- table holds it, and employment rows refer to (year, nomenclature).
CREATE TABLE @extschema@.employment_year (
    year int PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
    nomenclature text NOT NULL REFERENCES @extschema@.sector_nomenclature,
    source text NOT NULL CHECK (btrim(source) <> ''),
    loaded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    UNIQUE (year, nomenclature)
);
COMMENT ON TABLE @extschema@.employment_year IS 'the years employment figures are loaded for: their nomenclature (one per year) and where the figures come from';
COMMENT ON COLUMN @extschema@.employment_year.source IS 'what the figures are, e.g. ''INSEE Flores 2021, salaried jobs at 31 December'' (or ''ILLUSTRATIVE'' for made-up data)';

CREATE TABLE @extschema@.employment (
    zone @extschema@.siren NOT NULL,
    zone_level text NOT NULL CHECK (zone_level IN ('epci', 'ept', 'commune')),
    year int NOT NULL,
    nomenclature text NOT NULL,
    sector text NOT NULL,
    jobs numeric NOT NULL CONSTRAINT employment_jobs_count CHECK (jobs >= 0 AND jobs < 'Infinity'),
    establishments int CHECK (establishments >= 0),
    PRIMARY KEY (year, zone, sector),
    FOREIGN KEY (year, nomenclature) REFERENCES @extschema@.employment_year (year, nomenclature) ON DELETE CASCADE,
    FOREIGN KEY (nomenclature, sector) REFERENCES @extschema@.sector (nomenclature, code)
);
COMMENT ON TABLE @extschema@.employment IS 'jobs (and establishments) by zone, sector and year, as the source codes them; the reference area of the indicators (national.*) is the sum of the zones of level epci';
COMMENT ON COLUMN @extschema@.employment.zone IS 'SIREN of an EPCI (CC, CA, CU, METRO, MET69), an EPT or a commune';
COMMENT ON COLUMN @extschema@.employment.zone_level IS 'epci, ept or commune: only epci rows add up to the national figures (EPT and communes lie inside an EPCI)';
COMMENT ON COLUMN @extschema@.employment.jobs IS 'jobs in the sector (the source''s unit: jobs, salaried jobs or full-time equivalents; fractions allowed)';
COMMENT ON COLUMN @extschema@.employment.establishments IS 'establishments in the sector, NULL when the source gives none';

SELECT pg_catalog.pg_extension_config_dump('terrind.sector_nomenclature',
    'WHERE nomenclature NOT IN (''NA17'', ''NA38'', ''NAF-section'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.sector',
    'WHERE nomenclature NOT IN (''NA17'', ''NA38'', ''NAF-section'')');
SELECT pg_catalog.pg_extension_config_dump('terrind.employment_year', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.employment', '');

-- loading employment files -----------------------------------------------
-- A count as files write it: digits, spaces between thousands, one decimal
-- point or comma.  "1,234" is refused: a decimal or a thousands separator?
CREATE FUNCTION @extschema@.count_error(value text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE
        WHEN c !~ '^[0-9]+([.,][0-9]+)?$' THEN format('%L is not a count: expected digits such as 1234 or 12.5', value)
        WHEN c ~ '^[0-9]{1,3},[0-9]{3}$' THEN format('%L: "," could be a decimal or a thousands separator; write %s or %s.0',
                                                 value, replace(c, ',', ''), replace(c, ',', ''))
        WHEN length(c) > 30 THEN format('%L is too large', value)
    END
    FROM (SELECT regexp_replace(value, '[\s\u00a0\u202f]', '', 'g') AS c) v
$$;
COMMENT ON FUNCTION @extschema@.count_error(text) IS 'used by load_employment: why a cell is not a count (digits, spaces between thousands, one decimal point or comma), NULL if it is one';

CREATE FUNCTION @extschema@.count_value(value text)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE WHEN count_error(value) IS NULL
                THEN replace(regexp_replace(value, '[\s\u00a0\u202f]', '', 'g'), ',', '.')::numeric END
$$;
COMMENT ON FUNCTION @extschema@.count_value(text) IS 'used by load_employment: the count a cell holds, NULL when count_error() finds one';

CREATE FUNCTION @extschema@.load_employment(csv text, source text DEFAULT NULL)
RETURNS TABLE (item text, loaded bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    problems text[];
    duplicates_only boolean;
    total bigint;
BEGIN
    IF csv IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'load_employment: csv must not be NULL';
    END IF;
    PERFORM claim_load('employment', 'load_employment');

    IF to_regclass('pg_temp.terrind_employment_rows') IS NOT NULL THEN
        DROP TABLE pg_temp.terrind_employment_rows;
    END IF;
    -- a sector column named after its nomenclature (na17, na38, section)
    -- says the nomenclature; a column named sector needs a nomenclature column
    CREATE TEMP TABLE terrind_employment_rows ON COMMIT DROP AS
    SELECT r.*, n.nomenclature, count_value(r.jobs_text) AS jobs,
           CASE WHEN g.nature = 'EPT' THEN 'ept' WHEN g.nature IS NOT NULL THEN 'epci'
                WHEN c.siren IS NOT NULL THEN 'commune' END AS zone_level
    FROM (SELECT c.*, CASE WHEN c.zone_error IS NULL THEN c.zone_text::siren END AS zone,
                 CASE WHEN c.year_text ~ '^[0-9]{4}$' THEN c.year_text::int END AS year,
                 coalesce(c.nomenclature_cell, c.column_nomenclature) AS nomenclature_text
          FROM (SELECT c.line, c.field_count, c.header_count, c.v[1] AS zone_text, c.v[2] AS year_text,
                       input_error(c.v[1], 'terrind.siren') AS zone_error,
                       num_nonnulls(c.v[4], c.v[5], c.v[6], c.v[7]) AS codes,
                       upper(coalesce(c.v[4], c.v[5], c.v[6], c.v[7])) AS sector,
                       c.v[3] AS nomenclature_cell,
                       CASE WHEN c.v[5] IS NOT NULL THEN 'NA17' WHEN c.v[6] IS NOT NULL THEN 'NA38'
                            WHEN c.v[7] IS NOT NULL THEN 'NAF-section' END AS column_nomenclature,
                       c.v[8] AS jobs_text, c.v[9] AS establishments_text
                FROM csv_columns(csv, ARRAY['zone|siren|epci|siren_epci|codgeo', 'year|annee|année', '?nomenclature',
                                            '?sector|secteur', '?na17|a17', '?na38|a38', '?section|naf_section|a21',
                                            'jobs|emplois|effectifs', '?establishments|etablissements|établissements']) c) c) r
    LEFT JOIN sector_nomenclature n ON lower(n.nomenclature) = lower(r.nomenclature_text)
    LEFT JOIN groupement g ON g.siren = r.zone
    LEFT JOIN commune c ON c.siren = r.zone AND c.type = 'commune-actuelle';

    SELECT count(*) INTO total FROM pg_temp.terrind_employment_rows;
    WITH r AS (
        SELECT * FROM pg_temp.terrind_employment_rows WHERE field_count = header_count
    ), problem AS (
        SELECT line, false AS duplicate, format('%s fields, expected %s as in the header', field_count, header_count) AS what
        FROM pg_temp.terrind_employment_rows WHERE field_count <> header_count
        UNION ALL
        SELECT line, false, CASE WHEN zone_text IS NULL THEN 'zone is empty' ELSE 'zone: ' || zone_error END
        FROM r WHERE zone_text IS NULL OR zone_error IS NOT NULL
        UNION ALL
        SELECT line, false, format('zone %s is neither an EPCI, an EPT nor a commune of the loaded COG%s', zone_text,
                                   CASE WHEN NOT EXISTS (SELECT FROM groupement) THEN ' (no COG is loaded: run terrind.load_cog first)' ELSE '' END)
        FROM r WHERE zone_error IS NULL AND zone_level IS NULL
        UNION ALL
        SELECT line, false, CASE WHEN year_text IS NULL THEN 'year is empty'
                                 ELSE format('year %L: expected a year between 1900 and 2200', year_text) END
        FROM r WHERE year IS NULL OR year NOT BETWEEN 1900 AND 2200
        UNION ALL
        SELECT line, false, CASE WHEN codes = 0 THEN 'no sector code: fill the column sector, na17, na38 or section'
                                 ELSE 'several sector codes: keep one of the columns sector, na17, na38 and section' END
        FROM r WHERE codes <> 1
        UNION ALL
        SELECT line, false, CASE WHEN nomenclature_text IS NULL
                                 THEN 'nomenclature is empty: a column sector needs a column nomenclature (or name it na17, na38 or section)'
                                 ELSE format('unknown nomenclature %L (known: %s)', nomenclature_text,
                                             (SELECT string_agg(k.nomenclature, ', ' ORDER BY k.nomenclature) FROM sector_nomenclature k)) END
        FROM r WHERE codes = 1 AND nomenclature IS NULL
        UNION ALL
        SELECT line, false, format('the code is in column %s but nomenclature says %s', lower(column_nomenclature), nomenclature_cell)
        FROM r WHERE codes = 1 AND lower(nomenclature_cell) <> lower(column_nomenclature)
        UNION ALL
        SELECT line, false, format('sector %L is not a code of %s (see terrind.sector)', sector, nomenclature)
        FROM r WHERE codes = 1 AND nomenclature IS NOT NULL
          AND NOT EXISTS (SELECT FROM sector s WHERE s.nomenclature = r.nomenclature AND s.code = r.sector)
        UNION ALL
        SELECT line, false, CASE WHEN jobs_text IS NULL THEN 'jobs is empty (a secret cell? fill it or leave the row out)'
                                 ELSE 'jobs: ' || count_error(jobs_text) END
        FROM r WHERE jobs IS NULL
        UNION ALL
        SELECT line, false, CASE WHEN count_error(establishments_text) IS NOT NULL THEN 'establishments: ' || count_error(establishments_text)
                                 ELSE format('establishments %L: expected a whole number below 2147483648', establishments_text) END
        FROM r WHERE establishments_text IS NOT NULL
          AND (count_error(establishments_text) IS NOT NULL OR count_value(establishments_text) NOT BETWEEN 0 AND 2147483647
               OR count_value(establishments_text) <> trunc(count_value(establishments_text)))
        UNION ALL
        SELECT line, true, format('zone %s, sector %s in %s already on line %s', zone, sector, year, first_line)
        FROM (SELECT line, zone, sector, year, min(line) OVER (PARTITION BY zone, sector, year) AS first_line
              FROM r WHERE zone_level IS NOT NULL AND year IS NOT NULL AND codes = 1) d
        WHERE line > first_line
        UNION ALL
        SELECT line, false, format('year %s is in %s on line %s, not in %s: one nomenclature per year', year, first_nomenclature, first_line, nomenclature)
        FROM (SELECT line, year, nomenclature, first_value(nomenclature) OVER w AS first_nomenclature, first_value(line) OVER w AS first_line
              FROM r WHERE year IS NOT NULL AND nomenclature IS NOT NULL
              WINDOW w AS (PARTITION BY year ORDER BY line)) m
        WHERE nomenclature <> first_nomenclature
    )
    SELECT array_agg(format('line %s: %s', line, what) ORDER BY line, what), bool_and(duplicate)
    INTO problems, duplicates_only FROM problem;
    PERFORM reject_load('load_employment', problems, total, duplicates_only);

    -- replace the years the file holds, leave the others
    DELETE FROM employment_year y WHERE y.year IN (SELECT r.year FROM pg_temp.terrind_employment_rows r);
    INSERT INTO employment_year (year, nomenclature, source)
    SELECT DISTINCT r.year, r.nomenclature, coalesce(load_employment.source, 'loaded by terrind.load_employment')
    FROM pg_temp.terrind_employment_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'years'; loaded := total; RETURN NEXT;
    INSERT INTO employment (zone, zone_level, year, nomenclature, sector, jobs, establishments)
    SELECT r.zone, r.zone_level, r.year, r.nomenclature, r.sector, r.jobs, count_value(r.establishments_text)::int
    FROM pg_temp.terrind_employment_rows r;
    GET DIAGNOSTICS total = ROW_COUNT;
    item := 'rows'; loaded := total; RETURN NEXT;
    item := 'zones'; loaded := (SELECT count(DISTINCT r.zone) FROM pg_temp.terrind_employment_rows r); RETURN NEXT;
END $$;
REVOKE EXECUTE ON FUNCTION @extschema@.load_employment(text, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.load_employment(text, text) IS 'load employment by zone, sector and year from CSV (columns zone, year, jobs, a sector code in sector + nomenclature, na17, na38 or section, optional establishments), replacing the years the file holds; source describes the figures; all or nothing, every bad row reported with its line';

-- facts --------------------------------------------------------------------
-- The national figures of a year: the sum of the zones of level epci.
CREATE FUNCTION @extschema@.national_facts(year int)
RETURNS jsonb
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'jobs', sum(e.jobs),
        'industry_jobs', coalesce(sum(e.jobs) FILTER (WHERE s.industry), CASE WHEN count(*) > 0 THEN 0 END),
        'industry_share', (coalesce(sum(e.jobs) FILTER (WHERE s.industry), 0) / nullif(sum(e.jobs), 0))::float8,
        'zone_count', nullif(count(DISTINCT e.zone), 0),
        'population', (SELECT sum(c.population) FROM commune c WHERE c.type = 'commune-actuelle')))
    FROM employment e JOIN sector s ON s.nomenclature = e.nomenclature AND s.code = e.sector
    WHERE e.year = national_facts.year AND e.zone_level = 'epci'
$$;
COMMENT ON FUNCTION @extschema@.national_facts(int) IS 'the national facts of a year, {jobs, industry_jobs, industry_share, zone_count, population}: sums over the employment rows of level epci and the current communes of the COG; keys without data are absent';

-- Employment facts of units (EPCI, territories), each the sum of its
-- zones' rows: counts are added up, then shares and indices computed from
-- the sums (never averaged).  A unit some zone of which has no row for the
-- year gets no employment facts (zones_without_employment says how many).
CREATE FUNCTION @extschema@.employment_facts(year int, units text[], zones @extschema@.siren[])
RETURNS TABLE (unit text, zones_without_employment bigint, facts jsonb)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- Written so that no plan loops over units x sectors, whatever the
    -- estimates: the national jobs of each sector ride along the rows (a
    -- window), and the sectors where a unit has no job are one row per unit
    -- (exact for both indices: such sectors add x_k / (X - X_i) to Krugman's
    -- sum and are ranked first, adding nothing, in Gini's Lorenz curve).
    WITH year_rows AS (
        SELECT e.zone, e.zone_level, e.sector, e.jobs, e.establishments, s.industry,
               coalesce(sum(e.jobs) FILTER (WHERE e.zone_level = 'epci') OVER (PARTITION BY e.sector), 0) AS sector_jobs
        FROM employment e JOIN sector s ON s.nomenclature = e.nomenclature AND s.code = e.sector
        WHERE e.year = employment_facts.year
    ), national AS (
        SELECT sum(jobs) AS jobs, coalesce(sum(jobs) FILTER (WHERE industry), 0) AS industry_jobs
        FROM year_rows WHERE zone_level = 'epci'
    ), unit_zone AS (
        SELECT DISTINCT u.unit, u.zone FROM unnest(employment_facts.units, employment_facts.zones) u(unit, zone)
    ), coverage AS (
        SELECT uz.unit, count(*) FILTER (WHERE z.zone IS NULL) AS missing
        FROM unit_zone uz LEFT JOIN (SELECT DISTINCT zone FROM year_rows) z ON z.zone = uz.zone
        GROUP BY uz.unit
    ), unit_sector AS (
        SELECT uz.unit, r.sector, bool_or(r.industry) AS industry, sum(r.jobs) AS jobs, max(r.sector_jobs) AS sector_jobs,
               sum(r.establishments) AS establishments, bool_and(r.establishments IS NOT NULL) AS establishments_known
        FROM coverage c JOIN unit_zone uz ON uz.unit = c.unit JOIN year_rows r ON r.zone = uz.zone
        WHERE c.missing = 0
        GROUP BY uz.unit, r.sector
    ), totals AS (
        -- within: no sector has more jobs in the unit than in the nation
        -- (else the rest of the nation is negative and the indices undefined)
        SELECT us.unit, sum(us.jobs) AS jobs, coalesce(sum(us.jobs) FILTER (WHERE us.industry), 0) AS industry_jobs,
               CASE WHEN bool_and(us.establishments_known) THEN sum(us.establishments) END AS establishments,
               CASE WHEN bool_and(us.establishments_known) THEN coalesce(sum(us.establishments) FILTER (WHERE us.industry), 0) END
                   AS industry_establishments,
               bool_and(us.jobs <= us.sector_jobs) AS within, sum(us.sector_jobs) AS sectors_jobs
        FROM unit_sector us
        GROUP BY us.unit
    ), structure AS (
        -- (least(): the indices of a unit not within are computed, then dropped)
        SELECT x.unit, krugman(x.x_ik, x.x_k), gini_specialisation(x.x_ik, x.x_k) AS gini
        FROM (SELECT us.unit, least(us.jobs, us.sector_jobs)::float8 AS x_ik, us.sector_jobs::float8 AS x_k FROM unit_sector us
              UNION ALL
              SELECT t.unit, 0, (n.jobs - t.sectors_jobs)::float8 FROM totals t CROSS JOIN national n
              WHERE n.jobs > t.sectors_jobs) x
        GROUP BY x.unit
    )
    SELECT c.unit, c.missing, jsonb_strip_nulls(jsonb_build_object(
        'jobs', t.jobs,
        'industry_jobs', t.industry_jobs,
        'industry_share', (t.industry_jobs / nullif(t.jobs, 0))::float8,
        'establishments', t.establishments,
        'industry_establishments', t.industry_establishments,
        'industry_specificity', CASE WHEN t.within THEN specificity(t.industry_jobs::float8, t.jobs::float8,
                                                                    n.industry_jobs::float8, n.jobs::float8) END,
        'krugman', CASE WHEN t.within THEN st.krugman END,
        'gini', CASE WHEN t.within THEN st.gini END))
    FROM coverage c CROSS JOIN national n
    LEFT JOIN totals t ON t.unit = c.unit
    LEFT JOIN structure st ON st.unit = c.unit
$$;
COMMENT ON FUNCTION @extschema@.employment_facts(int, text[], @extschema@.siren[]) IS 'used by epci_facts and territory_facts: employment facts of units made of zones (units[i] holds zones[i]), from the summed counts; none for a unit some zone of which has no employment that year';

CREATE FUNCTION @extschema@.epci_facts(year int, sirens @extschema@.siren[] DEFAULT NULL)
RETURNS TABLE (siren text, name text, facts jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    WITH g AS (
        SELECT * FROM groupement g WHERE epci_facts.sirens IS NULL OR g.siren = ANY (epci_facts.sirens)
    ), geo AS (
        -- a current commune's département and region follow from its code
        SELECT gm.groupement, count(*) AS communes, count(DISTINCT region_of(gm.commune)) AS regions,
               count(DISTINCT departement_of(gm.commune)) AS departements
        FROM g JOIN groupement_member gm ON gm.groupement = g.siren
        GROUP BY gm.groupement
    ), unit_employment AS MATERIALIZED (
        SELECT e.* FROM (SELECT array_agg(g.siren::text) AS units, array_agg(g.siren) AS zones FROM g) u, employment_facts(epci_facts.year, u.units, u.zones) e
    )
    SELECT g.siren::text, g.name, jsonb_strip_nulls(jsonb_build_object(
        'siren', g.siren::text, 'name', g.name, 'nature', g.nature, 'year', epci_facts.year, 'cog_year', g.cog_year,
        'population', g.population_municipale, 'commune_count', geo.communes,
        'regions_spanned', geo.regions, 'departements_spanned', geo.departements,
        'member_count', 1, 'single_member', true, 'has_metropole', g.nature IN ('METRO', 'MET69'),
        'national', n.facts) || coalesce(e.facts, '{}'))
    FROM g LEFT JOIN geo ON geo.groupement = g.siren
    CROSS JOIN national_facts(epci_facts.year) n(facts)
    LEFT JOIN unit_employment e ON e.unit = g.siren::text
    WHERE epci_facts.year IS NOT NULL
    ORDER BY g.siren
$$;
COMMENT ON FUNCTION @extschema@.epci_facts(int, @extschema@.siren[]) IS 'the facts of every EPCI and EPT of the COG (or of those listed), each as a one-member candidate territory, for the employment of a year (README, Eligibility, lists the keys); employment facts absent when the zone has none that year';

CREATE FUNCTION @extschema@.epci_facts(siren @extschema@.siren, year int)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    result jsonb;
BEGIN
    SELECT f.facts INTO result FROM epci_facts(epci_facts.year, ARRAY[epci_facts.siren]) f;
    IF result IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('SIREN %s is neither an EPCI nor an EPT of the loaded COG', epci_facts.siren),
            HINT = 'terrind.groupement lists them; load the COG with terrind.load_cog.';
    END IF;
    RETURN result;
END $$;
COMMENT ON FUNCTION @extschema@.epci_facts(@extschema@.siren, int) IS 'the facts of one EPCI or EPT for the employment of a year (see epci_facts(year)); 22023 if the COG does not know the SIREN';

-- A territory's facts from its members: population from the communes it
-- covers (counted once), employment summed over its members, leaving out a
-- member all the communes of which come through a larger member too (a
-- commune listed beside its EPCI) so that no job counts twice.
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
