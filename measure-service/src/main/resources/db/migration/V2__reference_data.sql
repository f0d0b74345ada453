-- Reference data: the axes of each phase and the operators of the programme (sources: see README.md).

-- Phase 1 (2019-2022): the 4 enjeux of the 2018 basket, official wording "recruter, innover, attirer des projets,
-- simplifier" (CGET, Nov. 2018; AER Bourgogne-Franche-Comté).
insert into axis (code, phase, label_fr, position, source) values
    ('RECRUTER',   '2019-2022', 'Recruter',           1, 'https://www.cget.gouv.fr/dossiers/territoires-dindustrie'),
    ('INNOVER',    '2019-2022', 'Innover',            2, 'https://www.cget.gouv.fr/dossiers/territoires-dindustrie'),
    ('ATTIRER',    '2019-2022', 'Attirer des projets', 3, 'https://www.cget.gouv.fr/dossiers/territoires-dindustrie'),
    ('SIMPLIFIER', '2019-2022', 'Simplifier',         4, 'https://www.cget.gouv.fr/dossiers/territoires-dindustrie');

-- Phase 2 (2023-2027): the 4 national priorities (labels paraphrased from the sources).
insert into axis (code, phase, label_fr, position, source) values
    ('TRANSITION_ECOLOGIQUE',   '2023-2027', 'Accélérer la transition écologique et énergétique',        1,
     'https://petr-gqg.fr/contrats-du-petr/territoire-dindustrie/phase-ii-territoire-dindustrie-32/82-2023-2027'),
    ('INNOVATION',              '2023-2027', 'Faire des territoires des écosystèmes d''innovation',      2,
     'https://petr-gqg.fr/contrats-du-petr/territoire-dindustrie/phase-ii-territoire-dindustrie-32/82-2023-2027'),
    ('COMPETENCES_RECRUTEMENT', '2023-2027', 'Lever les freins au recrutement et développer les compétences', 3,
     'https://petr-gqg.fr/contrats-du-petr/territoire-dindustrie/phase-ii-territoire-dindustrie-32/82-2023-2027'),
    ('FONCIER_INDUSTRIEL',      '2023-2027', 'Mobiliser un foncier industriel adapté',                   4,
     'https://petr-gqg.fr/contrats-du-petr/territoire-dindustrie/phase-ii-territoire-dindustrie-32/82-2023-2027');

insert into operator (code, kind, source) values
    ('BANQUE_DES_TERRITOIRES', 'NATIONAL_OPERATOR', 'https://banquedesterritoires.fr/territoires-dindustrie-les-operateurs-publics-sengagent'),
    ('BPIFRANCE',              'NATIONAL_OPERATOR', 'https://banquedesterritoires.fr/territoires-dindustrie-les-operateurs-publics-sengagent'),
    ('BUSINESS_FRANCE',        'NATIONAL_OPERATOR', 'https://banquedesterritoires.fr/territoires-dindustrie-les-operateurs-publics-sengagent'),
    ('FRANCE_TRAVAIL',         'NATIONAL_OPERATOR', 'https://banquedesterritoires.fr/territoires-dindustrie-les-operateurs-publics-sengagent'),
    ('ADEME',                  'NATIONAL_OPERATOR', 'http://www.banquedesterritoires.fr/blog-des-territoires/laction-de-la-banque-des-territoires-dans-le-programme-territoires-dindustrie'),
    ('ACTION_LOGEMENT',        'NATIONAL_OPERATOR', 'http://www.banquedesterritoires.fr/blog-des-territoires/laction-de-la-banque-des-territoires-dans-le-programme-territoires-dindustrie'),
    ('APEC',                   'NATIONAL_OPERATOR', 'http://www.banquedesterritoires.fr/blog-des-territoires/laction-de-la-banque-des-territoires-dans-le-programme-territoires-dindustrie'),
    ('CNAM',                   'NATIONAL_OPERATOR', 'https://2017-2022.nosdeputes.fr/15/intervention/1028626'),
    ('ETAT',                   'STATE',             'https://www.cget.gouv.fr/dossiers/territoires-dindustrie');

insert into operator_name (operator_code, name, valid_from, valid_to, source) values
    ('BANQUE_DES_TERRITOIRES', 'Banque des Territoires', null, null, null),
    ('BPIFRANCE',              'Bpifrance', null, null, null),
    ('BUSINESS_FRANCE',        'Business France', null, null, null),
    ('FRANCE_TRAVAIL',         'Pôle emploi', null, '2023-12-31', 'Loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi (Pôle emploi becomes France Travail on 1 January 2024)'),
    ('FRANCE_TRAVAIL',         'France Travail', '2024-01-01', null, 'Loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi; name used by the Senate report r24-217, https://senat.fr/rap/r24-217/r24-2176.html'),
    ('ADEME',                  'ADEME', null, null, null),
    ('ACTION_LOGEMENT',        'Action Logement', null, null, null),
    ('APEC',                   'Apec', null, null, null),
    ('CNAM',                   'Cnam (Conservatoire national des arts et métiers)', null, null, null),
    ('ETAT',                   'État (ministères et services de l''État)', null, null, null);

insert into operator_alias (alias, operator_code, note) values
    ('POLE_EMPLOI', 'FRANCE_TRAVAIL', 'Pôle emploi was renamed France Travail on 1 January 2024; older sources use POLE_EMPLOI.');
