-- Territory registry: reference codes (COG 2026), phases, territories keyed by (phase, ti_id),
-- their perimeter of groupements with history, and their pilots.

create table region (
    code            text primary key check (code ~ '^[0-9]{2}$'),
    name            text not null,
    zone            text not null check (zone in ('metro', 'drom')),
    chef_lieu_insee text
);

create table department (
    code            text primary key check (code ~ '^([0-9]{2}|2A|2B|97[1-6])$'),
    name            text not null,
    region_code     text not null references region (code),
    zone            text not null check (zone in ('metro', 'drom')),
    chef_lieu_insee text
);
create index department_region on department (region_code);

create table phase (
    code       text primary key check (code ~ '^[0-9]{4}-[0-9]{4}$'),
    starts_on  date not null,
    ends_on    date not null,
    check (ends_on >= starts_on)
);
insert into phase (code, starts_on, ends_on) values
    ('2019-2022', date '2019-01-01', date '2022-12-31'),
    ('2023-2027', date '2023-01-01', date '2027-12-31');

create table territory (
    id            bigserial primary key,
    phase         text        not null references phase (code),
    ti_id         text        not null check (ti_id ~ '^ti-[0-9]{4}$'),
    name          text        not null check (length(name) between 1 and 300),
    region_code   text        not null references region (code),
    status        text        not null default 'LABELLED' check (status in ('LABELLED', 'DELABELLED')),
    labelled_on   date,
    delabelled_on date,
    notes         text,
    -- lower-case, accent-free, punctuation-free text of the territory's and its current groupements' names,
    -- computed in Java (unaccent is not available everywhere)
    search_text   text        not null default '',
    version       bigint      not null default 0,
    created_at    timestamptz not null default clock_timestamp(),
    updated_at    timestamptz not null default clock_timestamp(),
    unique (phase, ti_id)
);
create index territory_region on territory (region_code);
create index territory_updated on territory (updated_at);

-- One row per membership period: a perimeter change closes rows (valid_to) and opens new ones (valid_from).
-- A groupement is a member on day D when valid_from <= D and (valid_to is null or D < valid_to).
create table territory_member (
    id               bigserial primary key,
    territory_id     bigint not null references territory (id),
    siren            text   not null check (siren ~ '^[0-9]{9}$'),
    name             text   not null,
    official_name    text,
    nature           text   not null check (nature in ('CC', 'CA', 'CU', 'METRO', 'MET69', 'EPT', 'COM')),
    department_codes text[] not null,
    valid_from       date   not null,
    valid_to         date,
    check (valid_to is null or valid_to > valid_from)
);
create index territory_member_territory on territory_member (territory_id);
create index territory_member_siren on territory_member (siren);
create unique index territory_member_current on territory_member (territory_id, siren) where valid_to is null;

create table territory_pilot (
    territory_id bigint not null references territory (id),
    position     int    not null,
    name         text   not null,
    role         text   not null check (role in ('ELECTED', 'INDUSTRIALIST')),
    organisation text,
    primary key (territory_id, position)
);

-- Which seed files were loaded, so that a restart never re-applies them over later administrative changes.
create table seed_run (
    dataset    text primary key,
    sha256     text        not null,
    applied_at timestamptz not null default now()
);
