-- Territories as the registry publishes them (ti.territory.v1 snapshots): the ledger takes a territory's region(s)
-- from here, never from the caller, and refuses money for a territory the registry does not know (security review,
-- finding 5: the first allocation's regionCode used to be stored as given, and regional read scopes followed it).
create table territory_ref (
    phase        text   not null,
    ti_id        text   not null,
    region_code  text   not null,          -- lead region
    region_codes text[] not null,          -- every region of the perimeter's EPCIs (two for 27 territories)
    name         text,
    status       text   not null,
    version      bigint not null,
    updated_at   timestamptz not null default now(),
    primary key (phase, ti_id)
);
