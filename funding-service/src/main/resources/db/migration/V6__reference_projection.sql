-- The reference data of measure-service (ti.measure.v1 reference.published): the operator codes (with the aliases of
-- older sources, POLE_EMPLOI -> FRANCE_TRAVAIL) and the funding sources the ledger accepts. Replaced as a whole by
-- each snapshot of a higher version; the ledger has no list of its own.
create table reference_code (
    kind       text not null check (kind in ('OPERATOR', 'FUNDING_SOURCE')),
    code       text not null,
    canonical  text not null,   -- the code itself, or the operator an alias means
    name       text,
    primary key (kind, code)
);

create table reference_version (
    id          int         primary key check (id = 1),
    version     int         not null,
    updated_at  timestamptz not null default now()
);
