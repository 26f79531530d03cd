
-- ======================================================================
-- Territoires d'industrie by phase: territories keyed by (phase, id), their
-- members (groupements by SIREN) and, from the per-commune file, their
-- communes.  Members are not foreign keys to the COG on purpose: a SIREN
-- gone stale after an EPCI merger is a finding of check_territories, not a
-- reason to refuse ANCT's list.
-- ======================================================================
CREATE TABLE @extschema@.phase (
    phase text PRIMARY KEY,
    first_year int NOT NULL,
    last_year int NOT NULL,
    label text NOT NULL,
    CONSTRAINT phase_is_its_years CHECK (phase = first_year || '-' || last_year AND last_year >= first_year)
);
COMMENT ON TABLE @extschema@.phase IS 'phases of the programme; territories, members and needs are keyed by phase';
COMMENT ON COLUMN @extschema@.phase.phase IS 'first and last year, ''2018-2022'' or ''2023-2027''';
INSERT INTO @extschema@.phase VALUES
    ('2018-2022', 2018, 2022, 'Phase 1: 124 territories announced on 22 November 2018 (149 by the end of 2022); needs recruter, innover, attirer, simplifier'),
    ('2023-2027', 2023, 2027, 'Phase 2: 183 territories chosen by a call for applications (630 intercommunalités); priorities compétences, innovation, transition écologique, foncier');

CREATE TABLE @extschema@.territory (
    phase text NOT NULL REFERENCES @extschema@.phase,
    id @extschema@.ti_code NOT NULL,
    name text NOT NULL CHECK (btrim(name) <> ''),
    lead_region text NOT NULL GENERATED ALWAYS AS (@extschema@.lead_region(id)) STORED,
    PRIMARY KEY (phase, id)
);
COMMENT ON TABLE @extschema@.territory IS 'Territoires d''industrie; the same id is reused across phases for different territories, so the key is (phase, id)';
COMMENT ON COLUMN @extschema@.territory.lead_region IS 'INSEE code of the lead region, from the id (ti-RRNN)';

CREATE TABLE @extschema@.territory_member (
    phase text NOT NULL,
    territory_id @extschema@.ti_code NOT NULL,
    siren @extschema@.siren NOT NULL,
    name text NOT NULL CHECK (btrim(name) <> ''),
    nature text CHECK (nature IN ('COM', 'EPT', 'CC', 'CA', 'CU', 'METRO', 'MET69')),
    PRIMARY KEY (phase, territory_id, siren),
    FOREIGN KEY (phase, territory_id) REFERENCES @extschema@.territory ON DELETE CASCADE
);
CREATE INDEX territory_member_siren_idx ON @extschema@.territory_member (siren);
COMMENT ON TABLE @extschema@.territory_member IS 'members of each territory (ANCT''s per-member file): EPCI, EPT or single communes, by SIREN';
COMMENT ON COLUMN @extschema@.territory_member.nature IS 'nature juridique: COM (a commune), EPT, CC, CA, CU, METRO or MET69; NULL when the file loaded (load_programme) does not say it and the loaded COG does not know the member';

CREATE TABLE @extschema@.territory_commune (
    phase text NOT NULL,
    commune @extschema@.commune_code NOT NULL,
    territory_id @extschema@.ti_code NOT NULL,
    commune_name text NOT NULL,
    PRIMARY KEY (phase, commune, territory_id),
    FOREIGN KEY (phase, territory_id) REFERENCES @extschema@.territory ON DELETE CASCADE
);
CREATE INDEX territory_commune_territory_idx ON @extschema@.territory_commune (phase, territory_id);
COMMENT ON TABLE @extschema@.territory_commune IS 'communes of each territory (ANCT''s per-commune file); a commune may belong to two territories';

SELECT pg_catalog.pg_extension_config_dump('terrind.territory', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.territory_member', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.territory_commune', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.phase',
    'WHERE phase NOT IN (''2018-2022'', ''2023-2027'')');

-- Every commune a territory covers through its members: the communes of
-- its EPCI and EPT, and its single-commune members.
CREATE VIEW @extschema@.territory_coverage AS
SELECT m.phase, m.territory_id, c.code AS commune, c.name AS commune_name,
       c.departement, c.region, c.population, m.siren AS through_member
FROM @extschema@.territory_member m
JOIN @extschema@.groupement_member gm ON gm.groupement OPERATOR(pg_catalog.=) m.siren
JOIN @extschema@.commune c ON c.code OPERATOR(pg_catalog.=) gm.commune AND c.type = gm.commune_type
UNION ALL
SELECT m.phase, m.territory_id, c.code, c.name, c.departement, c.region, c.population, m.siren
FROM @extschema@.territory_member m
JOIN @extschema@.commune c ON c.siren OPERATOR(pg_catalog.=) m.siren AND c.type = 'commune-actuelle';
COMMENT ON VIEW @extschema@.territory_coverage IS 'each commune covered by a territory, with the member (EPCI, EPT or commune SIREN) it comes through; needs the COG loaded';

-- A territory's population per region: region_shares and funding_by_region
-- split by it, so both count each commune once, alike.
CREATE VIEW @extschema@.territory_region_population AS
SELECT x.phase, x.territory_id, x.region, count(*) AS communes, sum(x.population)::bigint AS population
FROM (SELECT DISTINCT v.phase, v.territory_id, v.commune, v.region, v.population
      FROM @extschema@.territory_coverage v) x
GROUP BY x.phase, x.territory_id, x.region;
COMMENT ON VIEW @extschema@.territory_region_population IS 'communes covered by each territory per region (counted once) and their population (NULL where the COG gives none); needs the COG loaded';

CREATE VIEW @extschema@.territory_summary AS
WITH covered AS (
    SELECT DISTINCT phase, territory_id, commune, departement, region, population
    FROM @extschema@.territory_coverage
), per_territory AS (
    SELECT phase, territory_id,
           sum(population)::bigint AS population,
           array_agg(DISTINCT region ORDER BY region) AS regions,
           array_agg(DISTINCT departement ORDER BY departement) AS departements
    FROM covered GROUP BY phase, territory_id
)
SELECT t.phase, t.id::text AS id, t.name, t.lead_region, r.name AS lead_region_name,
       (SELECT count(*) FROM @extschema@.territory_member m
        WHERE m.phase = t.phase AND m.territory_id OPERATOR(pg_catalog.=) t.id) AS member_count,
       coalesce(p.population, 0) AS population,
       coalesce(p.regions, '{}') AS regions,
       coalesce(p.departements, '{}') AS departements
FROM @extschema@.territory t
LEFT JOIN @extschema@.region r ON r.code = t.lead_region
LEFT JOIN per_territory p ON p.phase = t.phase AND p.territory_id OPERATOR(pg_catalog.=) t.id;
COMMENT ON VIEW @extschema@.territory_summary IS 'one row per territory with plain column types for BI tools: members, population of the communes covered (counted once), regions and départements spanned';

CREATE FUNCTION @extschema@.check_territories(phase text)
RETURNS TABLE (finding text, territory_id text, subject text, detail text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    -- members the loaded COG does not know: typically SIRENs gone stale after a merger
    SELECT 'member absent from the COG', m.territory_id::text, m.siren::text,
           format('%s (%s) is neither an EPCI, an EPT nor a commune of the loaded COG%s',
                  m.name, m.nature,
                  coalesce(' ' || (SELECT max(cog_year)::text FROM groupement), ''))
    FROM territory_member m
    WHERE m.phase = $1
      AND NOT EXISTS (SELECT 1 FROM groupement g WHERE g.siren = m.siren)
      AND NOT EXISTS (SELECT 1 FROM commune c WHERE c.siren = m.siren AND c.type = 'commune-actuelle')
    UNION ALL
    -- the file says one nature, the COG another
    SELECT 'member nature differs from the COG', m.territory_id::text, m.siren::text,
           format('%s is %s in the list but %s in the COG', m.name, m.nature, g.nature)
    FROM territory_member m JOIN groupement g ON g.siren = m.siren
    WHERE m.phase = $1 AND m.nature <> g.nature
    UNION ALL
    SELECT 'territory spans several regions', s.id, array_to_string(s.regions, ', '),
           format('%s lies in %s regions: %s', s.name, cardinality(s.regions), array_to_string(s.regions, ', '))
    FROM territory_summary s
    WHERE s.phase = $1 AND cardinality(s.regions) > 1
    UNION ALL
    SELECT 'lead region holds none of its members', s.id, s.lead_region,
           format('%s is led by region %s but its communes lie in %s', s.name, s.lead_region,
                  array_to_string(s.regions, ', '))
    FROM territory_summary s
    WHERE s.phase = $1 AND cardinality(s.regions) > 0 AND NOT s.lead_region = ANY (s.regions)
    UNION ALL
    -- communes in two territories, through members or in the per-commune list
    SELECT 'commune in several territories', NULL, x.commune::text,
           format('%s is in %s', x.name, string_agg(DISTINCT x.territory_id::text, ', ' ORDER BY x.territory_id::text))
    FROM (SELECT commune, commune_name AS name, territory_id FROM territory_coverage WHERE phase = $1
          UNION
          SELECT commune, commune_name, territory_id FROM territory_commune WHERE phase = $1) x
    GROUP BY x.commune, x.name
    HAVING count(DISTINCT x.territory_id) > 1
    UNION ALL
    -- per-commune list and members disagree (only once the COG is loaded)
    SELECT 'commune listed but not covered by the members', tc.territory_id::text, tc.commune::text,
           format('%s is listed for %s but none of its members contains it', tc.commune_name, tc.territory_id)
    FROM territory_commune tc
    WHERE tc.phase = $1
      AND EXISTS (SELECT 1 FROM commune)
      AND NOT EXISTS (SELECT 1 FROM territory_coverage v
                      WHERE v.phase = tc.phase AND v.territory_id = tc.territory_id AND v.commune = tc.commune)
    ORDER BY 1, 2, 3
$$;
COMMENT ON FUNCTION @extschema@.check_territories(text) IS 'findings to know before trusting figures for a phase: members absent from the COG (stale SIRENs), natures that differ, territories spanning regions or led by a region holding none of their communes, communes in several territories, listed communes no member covers';
