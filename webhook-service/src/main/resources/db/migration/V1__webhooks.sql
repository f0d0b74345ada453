-- Outbound webhooks: subscriptions per API client, the events received from the four topics, and the delivery queue.

create table subscription (
    id                   uuid        primary key,
    seq                  bigserial   unique,
    client_id            text        not null,
    client_name          text,
    -- the scope of the client when it subscribed: what it may receive
    owner_role           text        not null,
    owner_region         text,
    owner_operator       text,
    owner_phase          text,
    owner_ti_id          text,
    url                  text        not null,
    description          text,
    event_types          text[]      not null,
    filter_phase         text,
    filter_ti_id         text,
    filter_region        text,
    enabled              boolean     not null default true,
    disabled_reason      text,
    disabled_at          timestamptz,
    consecutive_failures int         not null default 0,
    failing_since        timestamptz,
    version              int         not null default 1,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
create index subscription_client on subscription (client_id, seq);

-- signing secrets: the current one (expires_at null) and, during a rotation, the previous one until expires_at
create table subscription_secret (
    id              bigserial   primary key,
    subscription_id uuid        not null references subscription (id) on delete cascade,
    secret          text        not null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz
);
create index subscription_secret_of on subscription_secret (subscription_id, id);

-- every event received (kept for replay), with what visibility and filters need
create table webhook_event (
    id              text        primary key,
    type            text        not null,
    source          text,
    subject         text,
    event_time      text,
    correlation_id  text,
    topic           text        not null,
    aggregate_key   text        not null,
    data            text        not null,
    phase           text,
    ti_id           text,
    region_code     text,
    contract_id     text,
    operator_code   text,
    received_at     timestamptz not null default clock_timestamp(),
    position        bigserial   unique
);
create index webhook_event_received on webhook_event (received_at, position);

-- what the events tell about visibility: the region of each territory, the contract of each fiche-action,
-- the operators party to a contract (funding requested from them, or money they committed)
create table territory_region (
    phase       text not null,
    ti_id       text not null,
    region_code text not null,
    primary key (phase, ti_id)
);
create table action_contract (
    action_id   text primary key,
    contract_id text not null
);
create table contract_party (
    contract_id text not null,
    operator    text not null,
    primary key (contract_id, operator)
);

-- the delivery queue: one row per (subscription, event) to deliver, in order per (subscription, aggregate)
create table delivery (
    id              bigserial   primary key,
    subscription_id uuid        not null references subscription (id) on delete cascade,
    event_id        text        not null references webhook_event (id),
    aggregate_key   text        not null,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default clock_timestamp(),
    leased_until    timestamptz,
    last_status     int,
    last_error      text,
    replay_of       bigint,
    created_at      timestamptz not null default clock_timestamp(),
    delivered_at    timestamptz
);
-- the claim: pending heads due now
create index delivery_pending on delivery (next_attempt_at, id) where status = 'PENDING';
-- "is there an earlier pending delivery of this aggregate for this subscription?"
create index delivery_pending_aggregate on delivery (subscription_id, aggregate_key, id) where status = 'PENDING';
create index delivery_log on delivery (subscription_id, id);
create unique index delivery_once on delivery (subscription_id, event_id) where replay_of is null;

create table delivery_attempt (
    id               bigserial   primary key,
    delivery_id      bigint      not null references delivery (id) on delete cascade,
    attempted_at     timestamptz not null,
    status_code      int,
    latency_ms       int         not null,
    outcome          text        not null,
    response_excerpt text,
    error            text
);
create index delivery_attempt_of on delivery_attempt (delivery_id, id);
