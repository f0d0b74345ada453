-- The conventions de mobilisation of the programme (issue 20, part 5): the record of what the State and each national
-- operator signed (date, place, parties and their signatories, document reference, duration) and what the operator
-- committed, in money or in services, each commitment with its source. Seeded once from seed/conventions/*.csv
-- (ConventionSeeder, table convention_seed_run); what the sources do not give is null, never guessed.

create table convention (
    code                text primary key check (code ~ '^CONV-[0-9]{4}-[A-Z0-9]+(-[A-Z0-9]+)*$'),
    label               text not null check (length(label) > 0),
    operator_code       text not null references operator (code),
    signed_on           date,
    signed_on_source    text,
    place               text,
    occasion            text,
    occasion_source     text,
    -- the number or reference of the signed document: null where the sources give none
    document_reference  text,
    duration_years      int check (duration_years is null or duration_years > 0),
    duration_source     text,
    source_url          text,
    source_citation     text,
    created_at          timestamptz not null default now(),
    check (source_url is not null or source_citation is not null),
    check (signed_on is null or signed_on_source is not null),
    check (duration_years is null or duration_source is not null)
);
create index convention_operator on convention (operator_code);

-- the parties to a convention (the State and the operator), in the order of the seed file
create table convention_party (
    id               bigserial primary key,
    convention_code  text not null references convention (code),
    position         int  not null,
    operator_code    text not null references operator (code),
    role             text not null check (role in ('STATE', 'OPERATOR')),
    source_url       text not null,
    unique (convention_code, position),
    unique (convention_code, operator_code)
);

-- who signed for a party, where a source names them
create table convention_signatory (
    id          bigserial primary key,
    party_id    bigint not null references convention_party (id),
    position    int    not null,
    name        text   not null check (length(name) > 0),
    title       text,
    source_url  text   not null,
    unique (party_id, position)
);

create table convention_commitment (
    id               bigserial primary key,
    convention_code  text   not null references convention (code),
    position         int    not null,
    kind             text   not null check (kind in ('MONEY', 'SERVICE')),
    description      text   not null check (length(description) > 0),
    -- integer euro cents, only where a source states an amount
    amount_cents     bigint check (amount_cents is null or amount_cents > 0),
    amount_basis     text   check (amount_basis in ('PER_YEAR', 'TOTAL')),
    period           text,
    source_url       text,
    source_citation  text,
    note             text,
    unique (convention_code, position),
    check (source_url is not null or source_citation is not null),
    check (kind = 'MONEY' or amount_cents is null),
    check ((amount_cents is null) = (amount_basis is null))
);

-- the measures of the catalogue that a commitment is the source of (measure codes are stable across versions)
create table convention_commitment_measure (
    commitment_id  bigint not null references convention_commitment (id),
    position       int    not null,
    measure_code   text   not null check (measure_code ~ '^[A-Z][A-Z_]*-[0-9]{2,3}$'),
    primary key (commitment_id, position),
    unique (commitment_id, measure_code)
);
create index convention_commitment_measure_code on convention_commitment_measure (measure_code);

-- each seed data set is loaded once (its SHA-256 is kept), so a restart never loads it twice
create table convention_seed_run (
    dataset    text primary key,
    sha256     text not null,
    loaded_at  timestamptz not null default now()
);

-- the measures' answers kept in memory show their conventions: a change empties them (see V3)
create trigger convention_changed after insert or update or delete or truncate on convention
    for each statement execute function catalogue_changed_notify();
create trigger convention_commitment_measure_changed after insert or update or delete or truncate
    on convention_commitment_measure for each statement execute function catalogue_changed_notify();
