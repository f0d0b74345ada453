-- The reference data of measure-service (ti.measure.v1 reference.published): operator codes (with the aliases of
-- older sources, POLE_EMPLOI -> FRANCE_TRAVAIL) and the axes of each phase. Replaced as a whole by each snapshot of
-- a higher version; signatories and fiches-actions are validated against it, not against a list of this service's.
create table reference_code (
    kind       text not null check (kind in ('OPERATOR', 'AXIS')),
    code       text not null,
    canonical  text not null,   -- the code itself, or the operator an alias means
    phase      text,            -- axes: the phase they belong to
    position   int,
    name       text,
    primary key (kind, code)
);

create table reference_version (
    id          int         primary key check (id = 1),
    version     int         not null,
    updated_at  timestamptz not null default now()
);
