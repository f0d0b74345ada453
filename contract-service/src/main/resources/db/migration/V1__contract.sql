-- Contracts and fiches-actions

-- ---------------------------------------------------------------------------------------------------------------
-- Local projections of other services' events (read-only copies; no synchronous call on the write path)
-- ---------------------------------------------------------------------------------------------------------------

-- Territories, from ti.territory.v1 snapshots
create table territory_projection (
    territory_key    text        primary key,              -- '<phase>/<tiId>', the Kafka key
    phase            text        not null,
    ti_id            text        not null,
    name             text        not null,
    region_code      text        not null,
    department_codes text        not null default '',      -- ';'-separated
    status           text        not null,
    labelled_on      date,
    pilots           text        not null default '[]',    -- JSON array as received
    source_event_id  text,
    updated_at       timestamptz not null default now(),
    unique (phase, ti_id)
);

-- Perimeter of each territory, with its history (validTo set for past members); replaced by each snapshot
create table territory_perimeter_projection (
    id               bigserial primary key,
    territory_key    text not null references territory_projection (territory_key) on delete cascade,
    siren            text not null,
    name             text,
    nature           text,
    valid_from       date,
    valid_to         date
);
create index territory_perimeter_projection_key on territory_perimeter_projection (territory_key);

-- Catalogue of measures, from ti.measure.v1
create table catalogue_projection (
    id               int         primary key check (id = 1),
    version          int         not null,
    effective_date   date,
    label            text,
    updated_at       timestamptz not null default now()
);

create table measure_projection (
    code             text        primary key,
    title            text,
    axis             text,
    phase            text,
    operators        text        not null default '',       -- ';'-separated operator codes
    status           text        not null,
    valid_from       date,
    valid_to         date,
    retired_on       date,
    catalogue_version int        not null,
    updated_at       timestamptz not null default now()
);

-- ---------------------------------------------------------------------------------------------------------------
-- Contracts
-- ---------------------------------------------------------------------------------------------------------------

create table contract (
    id                  uuid        primary key,
    phase               text        not null,
    ti_id               text        not null,
    territory_name      text        not null,
    region_code         text        not null,
    state               text        not null check (state in
                            ('PREPARATION', 'PROTOCOL_SIGNED', 'CONTRACT_SIGNED', 'AMENDED', 'CLOSED', 'ABANDONED')),
    period_start        date        not null,
    period_end          date        not null,
    protocol_signed_on  date,
    contract_signed_on  date,
    closed_on           date,
    abandoned_on        date,
    amendment_count     int         not null default 0,
    version             bigint      not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    check (period_start <= period_end)
);
-- one living contract per territory and phase (an abandoned one may be followed by a new one)
create unique index contract_one_open_per_territory on contract (phase, ti_id) where state <> 'ABANDONED';
create index contract_region on contract (region_code);
create index contract_updated on contract (updated_at, id);

-- Every transition of a contract: signature of the protocol, of the contract, amendments, closure, abandonment
create table contract_transition (
    id                  bigserial   primary key,
    contract_id         uuid        not null references contract (id),
    seq                 int         not null,
    kind                text        not null check (kind in
                            ('PROTOCOL_SIGNATURE', 'CONTRACT_SIGNATURE', 'AMENDMENT', 'CLOSURE', 'ABANDONMENT')),
    from_state          text        not null,
    to_state            text        not null,
    effective_date      date        not null,
    document_reference  text        not null,
    amendment_number    int,
    changes             text,          -- JSON: the amendment's changes
    period_end_before   date        not null,
    period_end_after    date        not null,
    signatories         text        not null default '[]',   -- JSON array of signatories
    recorded_by         text        not null,
    recorded_at         timestamptz not null default now(),
    unique (contract_id, seq)
);

-- ---------------------------------------------------------------------------------------------------------------
-- Fiches-actions
-- ---------------------------------------------------------------------------------------------------------------

create table action (
    id                      uuid        primary key,
    contract_id             uuid        not null references contract (id),
    title                   text        not null,
    description             text,
    axis                    text        not null,
    measure_codes           text        not null,     -- ';'-separated
    action_date             date        not null,
    lead_name               text        not null,
    lead_siren              text        not null,
    lead_siret              text,
    epci_siren              text        not null,
    estimated_cost_cents    bigint      not null check (estimated_cost_cents >= 0),
    requested_funding       text        not null default '[]',   -- JSON [{operator, amountCents}]
    status                  text        not null check (status in
                                ('IDENTIFIED', 'READY', 'ENGAGED', 'COMPLETED', 'ABANDONED')),
    committed_cents         bigint      not null default 0,
    disbursed_cents         bigint      not null default 0,
    funding_event_at        timestamptz,
    version                 bigint      not null default 0,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now()
);
create index action_contract on action (contract_id, created_at);
