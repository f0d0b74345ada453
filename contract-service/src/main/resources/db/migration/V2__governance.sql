-- Governance of a contract: the comité de projet (before the contract is signed), then the comité de suivi (after)
create table committee (
    id              bigserial   primary key,
    contract_id     uuid        not null references contract (id),
    kind            text        not null check (kind in ('PROJET', 'SUIVI')),
    held_on         date        not null,
    note            text,
    recorded_by     text        not null,
    recorded_at     timestamptz not null default now()
);
create index committee_contract on committee (contract_id, held_on);
