create table territory (
    id          bigserial primary key,
    phase       text        not null,
    ti_id       text        not null,
    name        text        not null,
    region_code text        not null,
    status      text        not null default 'LABELLED' check (status in ('LABELLED', 'DELABELLED')),
    version     bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (phase, ti_id)
);
