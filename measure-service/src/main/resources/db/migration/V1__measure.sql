-- Catalogue of measures: axes per phase, operators (reference data, with dated renames),
-- catalogue versions (one editable draft at a time; published versions are immutable) and their measures.

create table axis (
    code      text primary key check (code ~ '^[A-Z][A-Z_]*$'),
    phase     text not null check (phase in ('2019-2022', '2023-2027')),
    label_fr  text not null,
    position  int  not null,
    source    text not null,
    unique (phase, position)
);

create table operator (
    code      text primary key check (code ~ '^[A-Z][A-Z_]*$'),
    kind      text not null check (kind in ('NATIONAL_OPERATOR', 'STATE')),
    source    text not null
);

-- the names an operator had, with the dates of any rename (Pôle emploi -> France Travail on 2024-01-01)
create table operator_name (
    id             bigserial primary key,
    operator_code  text not null references operator (code),
    name           text not null,
    valid_from     date,
    valid_to       date,
    source         text,
    check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create index operator_name_operator on operator_name (operator_code);

-- codes found in older sources that map to a current operator code (POLE_EMPLOI -> FRANCE_TRAVAIL)
create table operator_alias (
    alias          text primary key check (alias ~ '^[A-Z][A-Z_]*$'),
    operator_code  text not null references operator (code),
    note           text
);

create table catalogue_version (
    id                     bigserial primary key,
    number                 int         not null unique check (number > 0),
    status                 text        not null check (status in ('DRAFT', 'PUBLISHED')),
    label                  text        not null,
    effective_date         date,
    based_on               int,
    official_count         int check (official_count is null or official_count >= 0),
    official_count_source  text,
    official_count_note    text,
    revision               bigint      not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    published_at           timestamptz,
    check ((status = 'PUBLISHED') = (effective_date is not null and published_at is not null)),
    check (official_count is null or official_count_source is not null)
);
-- at most one draft at a time
create unique index catalogue_version_one_draft on catalogue_version (status) where status = 'DRAFT';
create index catalogue_version_effective on catalogue_version (effective_date, number) where status = 'PUBLISHED';

create table measure_entry (
    id               bigserial primary key,
    version_id       bigint      not null references catalogue_version (id) on delete cascade,
    code             text        not null check (code ~ '^[A-Z][A-Z_]*-[0-9]{2,3}$'),
    phase            text        not null check (phase in ('2019-2022', '2023-2027')),
    axis_code        text        not null references axis (code),
    title_fr         text        not null check (length(title_fr) > 0),
    title_en         text,
    description      text,
    envelope_cents   bigint check (envelope_cents is null or envelope_cents >= 0),
    valid_from       date,
    valid_to         date,
    first_seen       text,
    source_url       text,
    source_citation  text,
    wording          text        not null check (wording in ('OFFICIAL', 'PARTIAL', 'PARAPHRASE')),
    wording_note     text,
    status           text        not null check (status in ('ACTIVE', 'RETIRED')),
    retired_on       date,
    search_text      text        not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (version_id, code),
    check (valid_to is null or valid_from is null or valid_to >= valid_from),
    check (source_url is not null or source_citation is not null),
    check ((status = 'RETIRED') = (retired_on is not null))
);
create index measure_entry_code on measure_entry (code);

create table measure_operator (
    measure_id     bigint not null references measure_entry (id) on delete cascade,
    position       int    not null,
    operator_code  text   not null references operator (code),
    primary key (measure_id, position)
);
create index measure_operator_code on measure_operator (operator_code);

-- Defence in depth: a published version and its measures can never change, whatever the application does.
create function catalogue_version_frozen() returns trigger language plpgsql as $$
begin
    if old.status = 'PUBLISHED' then
        raise exception 'catalogue version % is published and immutable', old.number using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger catalogue_version_frozen before update or delete on catalogue_version
    for each row execute function catalogue_version_frozen();

create function measure_entry_frozen() returns trigger language plpgsql as $$
declare
    v_id bigint := case when tg_op = 'INSERT' then new.version_id else old.version_id end;
begin
    if exists (select 1 from catalogue_version v where v.id = v_id and v.status = 'PUBLISHED') then
        raise exception 'measures of a published catalogue version are immutable' using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger measure_entry_frozen before insert or update or delete on measure_entry
    for each row execute function measure_entry_frozen();

create function measure_operator_frozen() returns trigger language plpgsql as $$
declare
    m_id bigint := case when tg_op = 'INSERT' then new.measure_id else old.measure_id end;
begin
    if exists (select 1 from measure_entry m join catalogue_version v on v.id = m.version_id
               where m.id = m_id and v.status = 'PUBLISHED') then
        raise exception 'measures of a published catalogue version are immutable' using errcode = 'P0001';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger measure_operator_frozen before insert or update or delete on measure_operator
    for each row execute function measure_operator_frozen();
