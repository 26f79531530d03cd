
-- ======================================================================
-- Reference geography: the COG as published by Etalab in the npm package
-- @etalab/decoupage-administratif (regions, départements, communes, EPCI
-- and EPT with their members), loaded by terrind.load_cog (loaders.sql).
-- Foreign keys inside the set are deferred so that a load can replace it
-- in one transaction.
-- ======================================================================
CREATE TABLE @extschema@.region (
    code text PRIMARY KEY CONSTRAINT region_code_form CHECK (code ~ '^([0-9]{2}|9[78][0-9])$'),
    name text NOT NULL CHECK (name <> ''),
    zone text NOT NULL CHECK (zone IN ('metro', 'drom', 'com')),
    chef_lieu @extschema@.commune_code,
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200)
);
COMMENT ON TABLE @extschema@.region IS 'regions (INSEE codes since 2016) and, as the COG package lists them, collectivités d''outre-mer (975, 977, 978, 984, 986-989)';
COMMENT ON COLUMN @extschema@.region.code IS 'INSEE region code (2 digits), or the code of a collectivité d''outre-mer (3 digits)';
COMMENT ON COLUMN @extschema@.region.zone IS 'metro (metropolitan France), drom (overseas region) or com (collectivité d''outre-mer)';
COMMENT ON COLUMN @extschema@.region.chef_lieu IS 'commune code of the regional capital';
COMMENT ON COLUMN @extschema@.region.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.departement (
    code text PRIMARY KEY CONSTRAINT departement_code_form CHECK (code ~ '^([0-9]{2}|2[AB]|9[78][0-9])$'),
    name text NOT NULL CHECK (name <> ''),
    region text NOT NULL REFERENCES @extschema@.region DEFERRABLE INITIALLY DEFERRED,
    zone text NOT NULL CHECK (zone IN ('metro', 'drom', 'com')),
    chef_lieu @extschema@.commune_code,
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200),
    UNIQUE (code, region)
);
COMMENT ON TABLE @extschema@.departement IS 'départements (and collectivités d''outre-mer) with their region';
COMMENT ON COLUMN @extschema@.departement.region IS 'code of the region the département belongs to';
COMMENT ON COLUMN @extschema@.departement.chef_lieu IS 'commune code of the préfecture';
COMMENT ON COLUMN @extschema@.departement.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.commune (
    code @extschema@.commune_code NOT NULL,
    type text NOT NULL CHECK (type IN ('commune-actuelle', 'commune-deleguee', 'commune-associee', 'arrondissement-municipal')),
    name text NOT NULL CHECK (name <> ''),
    departement text NOT NULL,
    region text NOT NULL,
    parent @extschema@.commune_code,
    siren @extschema@.siren,
    population int CHECK (population >= 0),
    postal_codes text[],
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200),
    PRIMARY KEY (code, type),
    FOREIGN KEY (departement, region) REFERENCES @extschema@.departement (code, region) DEFERRABLE INITIALLY DEFERRED,
    -- an associated commune may lie in another département than its code says
    CONSTRAINT commune_in_its_departement
        CHECK (type = 'commune-associee' OR departement = @extschema@.departement_of(code)),
    CONSTRAINT commune_parent CHECK ((type = 'commune-actuelle') = (parent IS NULL))
);
CREATE UNIQUE INDEX commune_siren_key ON @extschema@.commune (siren) WHERE type = 'commune-actuelle';
COMMENT ON TABLE @extschema@.commune IS 'communes of every COG type: current communes, delegated and associated communes, municipal arrondissements (Paris, Lyon, Marseille)';
COMMENT ON COLUMN @extschema@.commune.type IS 'commune-actuelle, commune-deleguee, commune-associee or arrondissement-municipal; a code may appear once per type';
COMMENT ON COLUMN @extschema@.commune.parent IS 'for a delegated or associated commune its chef-lieu commune, for an arrondissement its commune; NULL for a current commune';
COMMENT ON COLUMN @extschema@.commune.siren IS 'SIREN of the commune (current communes; communes nouvelles have 200... SIRENs)';
COMMENT ON COLUMN @extschema@.commune.population IS 'population municipale (INSEE), NULL where the COG gives none';
COMMENT ON COLUMN @extschema@.commune.postal_codes IS 'postal codes (La Poste), as listed by the COG package';
COMMENT ON COLUMN @extschema@.commune.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.groupement (
    siren @extschema@.siren PRIMARY KEY,
    name text NOT NULL CHECK (name <> ''),
    nature text NOT NULL CHECK (nature IN ('CC', 'CA', 'CU', 'METRO', 'MET69', 'EPT')),
    financing text CHECK (financing IN ('FPU', 'FA')),
    population_totale int CHECK (population_totale >= 0),
    population_municipale int CHECK (population_municipale >= 0),
    cog_year int NOT NULL CHECK (cog_year BETWEEN 1943 AND 2200)
);
COMMENT ON TABLE @extschema@.groupement IS 'intercommunalités à fiscalité propre (EPCI: CC, CA, CU, METRO, MET69) and établissements publics territoriaux of the Paris métropole (EPT)';
COMMENT ON COLUMN @extschema@.groupement.nature IS 'CC, CA, CU, METRO, MET69 or EPT';
COMMENT ON COLUMN @extschema@.groupement.financing IS 'fiscal regime: FPU (fiscalité professionnelle unique) or FA (fiscalité additionnelle); NULL for EPT';
COMMENT ON COLUMN @extschema@.groupement.cog_year IS 'COG year the row was loaded from';

CREATE TABLE @extschema@.groupement_member (
    groupement @extschema@.siren NOT NULL REFERENCES @extschema@.groupement ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    commune @extschema@.commune_code NOT NULL,
    commune_type text NOT NULL DEFAULT 'commune-actuelle' CHECK (commune_type = 'commune-actuelle'),
    name text NOT NULL,
    population_totale int CHECK (population_totale >= 0),
    population_municipale int CHECK (population_municipale >= 0),
    PRIMARY KEY (groupement, commune),
    FOREIGN KEY (commune, commune_type) REFERENCES @extschema@.commune (code, type) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX groupement_member_commune_idx ON @extschema@.groupement_member (commune);
COMMENT ON TABLE @extschema@.groupement_member IS 'the current communes each EPCI or EPT is made of';
COMMENT ON COLUMN @extschema@.groupement_member.commune_type IS 'always commune-actuelle: lets the foreign key reach the commune table';

SELECT pg_catalog.pg_extension_config_dump('terrind.region', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.departement', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.commune', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.groupement', '');
SELECT pg_catalog.pg_extension_config_dump('terrind.groupement_member', '');
