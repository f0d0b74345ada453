-- Reference data shared with the other services (issue 20): the funding sources of the programme, the SIRET of an
-- operator where a source gives it, and the snapshots of the reference data published on ti.measure.v1
-- (reference.published), so that contract-service and funding-service validate operator, axis and source codes
-- against this service's data instead of lists of their own.

-- The SIRET of each operator's head office. No source in the project's reference material gives one, so every row
-- stays null: the column is there for when a sourced value is entered, never filled with a guess.
alter table operator add column siret text check (siret is null or siret ~ '^[0-9]{14}$');

-- The "trois grandes lignes de financement" of the EUR 1.36bn (Matignon, Nov. 2018, as quoted by L'info durable):
-- the source lines of funding-service's ledger. A new line (another programme) is a new row here, published to the
-- other services; no code change.
create table funding_source (
    code           text primary key check (code ~ '^[A-Z][A-Z0-9_]*$'),
    name           text not null,
    position       int  not null unique,
    operator_code  text references operator (code),
    source         text not null
);

insert into funding_source (code, name, position, operator_code, source) values
    ('PIC', 'Plan d''investissement dans les compétences', 1, null,
     'https://www.linfodurable.fr/le-gouvernement-veut-developper-les-territoires-dindustrie-7547'),
    ('PIA', 'Programme d''investissements d''avenir', 2, null,
     'https://www.linfodurable.fr/le-gouvernement-veut-developper-les-territoires-dindustrie-7547'),
    ('BANQUE_DES_TERRITOIRES', 'Banque des Territoires (groupe Caisse des Dépôts)', 3, 'BANQUE_DES_TERRITOIRES',
     'https://www.linfodurable.fr/le-gouvernement-veut-developper-les-territoires-dindustrie-7547');

create trigger funding_source_changed after insert or update or delete or truncate on funding_source
    for each statement execute function catalogue_changed_notify();

-- Each snapshot of the reference data published (reference.published): a new version only when the content changed.
create table reference_snapshot (
    version       int         primary key check (version > 0),
    digest        text        not null,
    published_at  timestamptz not null default now()
);
