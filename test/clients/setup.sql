-- The data the client tests read: two territories, funding lines, all types.
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS terrind CASCADE;
SELECT count(*) FROM terrind.load_territories('2023-2027', $csv$id_ti,lib_ti,siren_groupement,lib_groupement,nature_juridique
ti-7510,"Lacq, Pau, Tarbes",200067254,CA Pau Béarn Pyrénées,CA
ti-8413,Plastics Vallée,200042935,CC Haut-Bugey Agglomération,CA
$csv$);
INSERT INTO terrind.funding (phase, territory_id, need, source, status, amount)
VALUES ('2023-2027', 'ti-7510', 'competences', 'pic', 'engaged', '1234567.89'),
       ('2023-2027', 'ti-7510', 'foncier', 'fonds_vert', 'deployed', '0.01'),
       ('2023-2027', 'ti-8413', 'innovation', 'bpifrance', 'engaged', '10.10');
CREATE TABLE public.all_types (
    amount terrind.eur, siren terrind.siren, siret terrind.siret, commune terrind.commune_code,
    territory terrind.ti_code, need terrind.need, breakdown terrind.need_breakdown, rule terrind.eligibility_rule);
INSERT INTO public.all_types VALUES ('-1 234,56', '732829320', '73282932000074', '2A004', 'ti-8413',
    'transition_ecologique', '{recruter: 1.50, foncier: 2000.00}', 'population > 50000 and not has_metropole');
