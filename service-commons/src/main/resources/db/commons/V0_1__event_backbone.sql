-- Shared by every service: transactional outbox, processed events (idempotent consumers),
-- idempotency keys and audit log.

create table outbox_event (
    position        bigserial primary key,
    id              uuid        not null unique,
    topic           text        not null,
    type            text        not null,
    aggregate_type  text        not null,
    aggregate_id    text        not null,
    subject         text,
    payload         text        not null,
    correlation_id  text,
    traceparent     text,
    occurred_at     timestamptz not null default clock_timestamp(),
    sent_at         timestamptz
);
create index outbox_event_pending on outbox_event (position) where sent_at is null;
create index outbox_event_sent on outbox_event (sent_at) where sent_at is not null;

-- NOTIFY is delivered at commit and dropped on rollback: the relay wakes exactly when there is work.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('ti_outbox', '');
    return null;
end $$;
create trigger outbox_event_inserted after insert on outbox_event
    for each statement execute function outbox_event_notify();

create table processed_event (
    event_id        text        primary key,
    event_type      text        not null,
    source          text,
    topic           text,
    kafka_partition int,
    kafka_offset    bigint,
    processed_at    timestamptz not null default now()
);

create table idempotency_record (
    client_id       text        not null,
    idem_key        text        not null,
    request_hash    text        not null,
    response_status int         not null,
    response_body   text,
    location        text,
    created_at      timestamptz not null default now(),
    primary key (client_id, idem_key)
);
create index idempotency_record_created on idempotency_record (created_at);

create table audit_log (
    id              bigserial   primary key,
    occurred_at     timestamptz not null default now(),
    actor           text        not null,
    client_name     text,
    role            text        not null,
    scope           text,
    action          text        not null,
    resource_type   text        not null,
    resource_id     text,
    correlation_id  text,
    request_hash    text
);
create index audit_log_resource on audit_log (resource_type, resource_id);
