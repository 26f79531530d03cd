-- Funding rows of every kind a user adds: a source, a status, a measure of
-- phase 2023-2027 and funding lines (with a SIRET and a location) on the
-- fixture territories loaded by territories.sql.
\set QUIET on
SET search_path = terrind, public;
INSERT INTO funding_source VALUES ('conseil_departemental', 'Conseil départemental', 'public authority', 'a user''s own source');
INSERT INTO funding_status VALUES ('cancelled', 4, 'Annulé', 'a user''s own status');
INSERT INTO measure (phase, code, need, label, source, unit_amount, unit, valid_from)
VALUES ('2023-2027', 'friches_2024', 'foncier', 'Aide aux friches 2024', 'fonds_vert', '250 000 €', 'site', '2024-01-01');
SELECT count(*) FROM load_funding(E'phase;id_ti;besoin;mesure;financeur;statut;montant;date_decision;siret\n'
    '2023-2027;ti-7510;Foncier;friches_2024;Fonds Vert;Engagé;1 000,01 €;15/03/2024;73282932000074\n'
    '2023-2027;ti-7510;Foncier;friches_2024;Fonds Vert;Déployé;600;2024-09-01;\n'
    '2023-2027;ti-8413;Compétences;;PIC;engaged;1,2 M€;;\n'
    '2023-2027;ti-8402;Innovation;;Conseil départemental;cancelled;-0,01;;\n');
UPDATE funding SET location = ST_SetSRID(ST_Point(-0.37, 43.3), 4326) WHERE territory_id = 'ti-7510';
