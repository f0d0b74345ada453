-- API keys of the operator systems and other clients. Only a SHA-256 of each key is stored: keys are 256-bit
-- random strings, so a slow hash adds nothing, and lookups stay one index probe per request.
create table api_key (
    id            text        primary key,
    name          text        not null,
    key_hash      text        not null unique,
    key_prefix    text        not null,
    role          text        not null check (role in ('national-admin', 'region', 'operator', 'territory-team')),
    region_code   text,
    operator_code text,
    phase         text,
    ti_id         text,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    revoked_at    timestamptz,
    revoked_by    text,
    check (role <> 'region' or region_code is not null),
    check (role <> 'operator' or operator_code is not null),
    check (role <> 'territory-team' or (phase is not null and ti_id is not null))
);

create table admin_audit (
    id             bigserial   primary key,
    occurred_at    timestamptz not null default now(),
    actor          text        not null,
    action         text        not null,
    api_key_id     text        not null,
    correlation_id text
);
