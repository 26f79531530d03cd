
-- ======================================================================
-- BI tools and readers.  The views for BI tools have plain column types
-- (text ids, numeric money, bigint counts, date, geometry: JDBC, ODBC and
-- pandas read them as they are) and a comment on every column, which
-- DBeaver, Metabase and JDBC's getColumns REMARKS show.
-- ======================================================================

COMMENT ON COLUMN @extschema@.needs.phase IS 'programme phase the need belongs to (2018-2022 or 2023-2027)';
COMMENT ON COLUMN @extschema@.needs.code IS 'need code, as terrind.need reads and writes it (recruter, innover, …)';
COMMENT ON COLUMN @extschema@.needs.label IS 'French label of the need';
COMMENT ON COLUMN @extschema@.needs.position IS 'position in the programme''s order, 1 to 8, phase 2018-2022 first';

COMMENT ON COLUMN @extschema@.funding_territory_totals.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.funding_territory_totals.level IS 'the columns this row is broken down by: ''territory, need, status'', ''territory, status'', ''need, status'' or ''status''';
COMMENT ON COLUMN @extschema@.funding_territory_totals.territory_id IS 'territory id (ti-RRNN); NULL in rows totalled over territories';
COMMENT ON COLUMN @extschema@.funding_territory_totals.territory_name IS 'territory name; NULL in rows totalled over territories';
COMMENT ON COLUMN @extschema@.funding_territory_totals.lead_region IS 'INSEE code of the territory''s lead region; NULL in rows totalled over territories';
COMMENT ON COLUMN @extschema@.funding_territory_totals.need IS 'need code; NULL in rows totalled over needs';
COMMENT ON COLUMN @extschema@.funding_territory_totals.need_label IS 'French label of the need; NULL in rows totalled over needs';
COMMENT ON COLUMN @extschema@.funding_territory_totals.status IS 'funding status (announced, engaged, deployed); never totalled over';
COMMENT ON COLUMN @extschema@.funding_territory_totals.status_position IS 'position of the status in the funnel, for sorting';
COMMENT ON COLUMN @extschema@.funding_territory_totals.lines IS 'number of funding lines';
COMMENT ON COLUMN @extschema@.funding_territory_totals.amount IS 'total amount in euros, exact to the cent';

COMMENT ON COLUMN @extschema@.funding_region_totals.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.funding_region_totals.level IS 'the columns this row is broken down by: ''region, need, status'', ''region, status'', ''need, status'' or ''status''';
COMMENT ON COLUMN @extschema@.funding_region_totals.region IS 'INSEE code of the territories'' lead region; NULL in rows totalled over regions';
COMMENT ON COLUMN @extschema@.funding_region_totals.region_name IS 'name of the region; NULL in rows totalled over regions';
COMMENT ON COLUMN @extschema@.funding_region_totals.need IS 'need code; NULL in rows totalled over needs';
COMMENT ON COLUMN @extschema@.funding_region_totals.need_label IS 'French label of the need; NULL in rows totalled over needs';
COMMENT ON COLUMN @extschema@.funding_region_totals.status IS 'funding status (announced, engaged, deployed); never totalled over';
COMMENT ON COLUMN @extschema@.funding_region_totals.status_position IS 'position of the status in the funnel, for sorting';
COMMENT ON COLUMN @extschema@.funding_region_totals.lines IS 'number of funding lines';
COMMENT ON COLUMN @extschema@.funding_region_totals.amount IS 'total amount in euros, exact to the cent';

COMMENT ON COLUMN @extschema@.funding_source_totals.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.funding_source_totals.level IS '''source, status'' for a source''s row, ''status'' for the total over sources';
COMMENT ON COLUMN @extschema@.funding_source_totals.source IS 'funding source code; NULL in the total over sources';
COMMENT ON COLUMN @extschema@.funding_source_totals.source_name IS 'name of the funding source';
COMMENT ON COLUMN @extschema@.funding_source_totals.source_kind IS 'kind of funding source (State, operator, region, …)';
COMMENT ON COLUMN @extschema@.funding_source_totals.status IS 'funding status (announced, engaged, deployed); never totalled over';
COMMENT ON COLUMN @extschema@.funding_source_totals.status_position IS 'position of the status in the funnel, for sorting';
COMMENT ON COLUMN @extschema@.funding_source_totals.lines IS 'number of funding lines';
COMMENT ON COLUMN @extschema@.funding_source_totals.amount IS 'total amount in euros, exact to the cent';

COMMENT ON COLUMN @extschema@.funding_territory_rates.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.funding_territory_rates.level IS '''territory'' for a territory''s row, ''phase'' for the phase total';
COMMENT ON COLUMN @extschema@.funding_territory_rates.territory_id IS 'territory id (ti-RRNN); NULL in the phase total';
COMMENT ON COLUMN @extschema@.funding_territory_rates.territory_name IS 'territory name; NULL in the phase total';
COMMENT ON COLUMN @extschema@.funding_territory_rates.lead_region IS 'INSEE code of the lead region; NULL in the phase total';
COMMENT ON COLUMN @extschema@.funding_territory_rates.lines IS 'number of funding lines';
COMMENT ON COLUMN @extschema@.funding_territory_rates.announced IS 'amount announced, in euros (0 without lines)';
COMMENT ON COLUMN @extschema@.funding_territory_rates.engaged IS 'amount engaged, in euros (0 without lines)';
COMMENT ON COLUMN @extschema@.funding_territory_rates.deployed IS 'amount deployed, in euros (0 without lines)';
COMMENT ON COLUMN @extschema@.funding_territory_rates.deployment_rate IS 'deployed ÷ engaged, 4 decimals; NULL when nothing is engaged';

COMMENT ON COLUMN @extschema@.funding_region_rates.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.funding_region_rates.level IS '''region'' for a lead region''s row, ''phase'' for the phase total';
COMMENT ON COLUMN @extschema@.funding_region_rates.region IS 'INSEE code of the territories'' lead region; NULL in the phase total';
COMMENT ON COLUMN @extschema@.funding_region_rates.region_name IS 'name of the region; NULL in the phase total';
COMMENT ON COLUMN @extschema@.funding_region_rates.territories IS 'number of territories led from the region';
COMMENT ON COLUMN @extschema@.funding_region_rates.lines IS 'number of funding lines';
COMMENT ON COLUMN @extschema@.funding_region_rates.announced IS 'amount announced, in euros';
COMMENT ON COLUMN @extschema@.funding_region_rates.engaged IS 'amount engaged, in euros';
COMMENT ON COLUMN @extschema@.funding_region_rates.deployed IS 'amount deployed, in euros';
COMMENT ON COLUMN @extschema@.funding_region_rates.deployment_rate IS 'deployed ÷ engaged, 4 decimals; NULL when nothing is engaged';



COMMENT ON COLUMN @extschema@.territory_summary.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.territory_summary.id IS 'territory id (ti-RRNN), unique within a phase';
COMMENT ON COLUMN @extschema@.territory_summary.name IS 'territory name';
COMMENT ON COLUMN @extschema@.territory_summary.lead_region IS 'INSEE code of the lead region';
COMMENT ON COLUMN @extschema@.territory_summary.lead_region_name IS 'name of the lead region (NULL without the COG)';
COMMENT ON COLUMN @extschema@.territory_summary.member_count IS 'number of members (EPCI, EPT or communes)';
COMMENT ON COLUMN @extschema@.territory_summary.population IS 'population of the communes covered, each counted once (0 without the COG)';
COMMENT ON COLUMN @extschema@.territory_summary.regions IS 'INSEE codes of the regions the territory spans';
COMMENT ON COLUMN @extschema@.territory_summary.departements IS 'codes of the départements the territory spans';

COMMENT ON COLUMN @extschema@.territory_layer.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.territory_layer.id IS 'territory id (ti-RRNN), unique within a phase';
COMMENT ON COLUMN @extschema@.territory_layer.name IS 'territory name';
COMMENT ON COLUMN @extschema@.territory_layer.lead_region IS 'INSEE code of the lead region';
COMMENT ON COLUMN @extschema@.territory_layer.lead_region_name IS 'name of the lead region';
COMMENT ON COLUMN @extschema@.territory_layer.member_count IS 'number of members (EPCI, EPT or communes)';
COMMENT ON COLUMN @extschema@.territory_layer.population IS 'population of the communes covered, each counted once';
COMMENT ON COLUMN @extschema@.territory_layer.area_m2 IS 'area of the territory in square metres (on the spheroid)';
COMMENT ON COLUMN @extschema@.territory_layer.parts IS 'number of polygons the territory''s geometry has';
COMMENT ON COLUMN @extschema@.territory_layer.geometry_source IS 'boundaries the geometry was built from';
COMMENT ON COLUMN @extschema@.territory_layer.geometry_stale IS 'true when boundaries or members changed since the geometry was built';
COMMENT ON COLUMN @extschema@.territory_layer.geom IS 'territory outline, MultiPolygon in WGS 84 (EPSG:4326)';

-- territory_coverage and territory_region_population are the building
-- blocks of terrind's own functions and keep terrind's types (they join
-- with text through the implicit casts); BI tools read territory_summary.
COMMENT ON COLUMN @extschema@.territory_coverage.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.territory_coverage.territory_id IS 'territory id (ti-RRNN)';
COMMENT ON COLUMN @extschema@.territory_coverage.commune IS 'INSEE code of the commune covered';
COMMENT ON COLUMN @extschema@.territory_coverage.commune_name IS 'name of the commune';
COMMENT ON COLUMN @extschema@.territory_coverage.departement IS 'code of the commune''s département';
COMMENT ON COLUMN @extschema@.territory_coverage.region IS 'INSEE code of the commune''s region';
COMMENT ON COLUMN @extschema@.territory_coverage.population IS 'municipal population of the commune (COG); NULL where the COG gives none';
COMMENT ON COLUMN @extschema@.territory_coverage.through_member IS 'SIREN of the member (EPCI, EPT or commune) the commune is covered through';

COMMENT ON COLUMN @extschema@.territory_region_population.phase IS 'programme phase';
COMMENT ON COLUMN @extschema@.territory_region_population.territory_id IS 'territory id (ti-RRNN)';
COMMENT ON COLUMN @extschema@.territory_region_population.region IS 'INSEE code of a region the territory covers communes of';
COMMENT ON COLUMN @extschema@.territory_region_population.communes IS 'communes of the territory in that region, each counted once';
COMMENT ON COLUMN @extschema@.territory_region_population.population IS 'their population; NULL where the COG gives none';

-- Readers: what an analyst or a BI tool's login needs to read everything
-- and change nothing.  Run by the extension's owner (or a superuser), as
-- the caller: terrind has no SECURITY DEFINER function.  EXECUTE goes on
-- the functions PUBLIC may call, not on the loaders, which are revoked from
-- PUBLIC: a reader calls every reading function, even if an administrator
-- later revokes them from PUBLIC, and no loader.
CREATE FUNCTION @extschema@.grant_read(reader pg_catalog.regrole)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ext_schema regnamespace := (SELECT e.extnamespace FROM pg_extension e WHERE e.extname = 'terrind');
    fn regprocedure;
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %s TO %s', ext_schema, reader);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s', ext_schema, reader);
    EXECUTE format('GRANT SELECT ON ALL SEQUENCES IN SCHEMA %s TO %s', ext_schema, reader);
    FOR fn IN
        SELECT p.oid FROM pg_proc p
        WHERE p.pronamespace = ext_schema
          AND (p.proacl IS NULL OR EXISTS (SELECT FROM aclexplode(p.proacl) a
                                           WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'))
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %s', fn, reader);
    END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.grant_read(pg_catalog.regrole) IS 'lets a role read every table and view of terrind and call its reading functions, and nothing more: USAGE on the schema, SELECT on its tables, views and sequences, EXECUTE on the functions PUBLIC may call (not the loaders); run again after ALTER EXTENSION terrind UPDATE';
