-- Read model fed by contract and funding events: what a territory's page shows without calling other services.
create table territory_summary (
    phase              text        not null,
    ti_id              text        not null,
    contract_id        text,
    contract_state     text,
    contract_effective date,
    action_count       int         not null default 0,
    allocated_cents    bigint      not null default 0,
    committed_cents    bigint      not null default 0,
    disbursed_cents    bigint      not null default 0,
    events_applied     bigint      not null default 0,
    last_event_id      text,
    updated_at         timestamptz not null default now(),
    primary key (phase, ti_id)
);

create table territory_summary_action (
    action_id   text primary key,
    phase       text not null,
    ti_id       text not null,
    status      text
);
