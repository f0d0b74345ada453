-- Funding ledger: a double-entry ledger of the EUR 1.36bn of the Territoires d'industrie programme.
--
-- Accounts form a hierarchy; money only moves one level down (or back up for cancellations and reversals):
--   WORLD (the State budget, unbounded source)
--   -> PROGRAMME (the envelope; pass-through, never above EUR 1,360,000,000.00)
--   -> SOURCE (PIC, PIA, BANQUE_DES_TERRITOIRES; amounts entered by the national administrator)
--   -> LINE (one line per national operator)
--   -> ALLOCATION (territory (phase, tiId) x measure code, owned by the line's operator)
--   -> COMMITMENT (one per fiche-action x allocation)
--   -> DISBURSED (what was paid on that commitment)
--
-- Every entry has a side: 'U' (its counterparty is the parent: it changes the account's inflow by +amount) or
-- 'D' (its counterparty is a child: it changes the account's outflow by -amount). The balance of an account is
-- inflow - outflow = the sum of its entries. The invariants are CHECK constraints on the balance rows, so no
-- interleaving of transactions can break them: whoever would break one is rolled back.

create table account (
    id            bigserial   primary key,
    kind          text        not null check (kind in
                      ('WORLD', 'PROGRAMME', 'SOURCE', 'LINE', 'ALLOCATION', 'COMMITMENT', 'DISBURSED')),
    level         int         not null,   -- lock order: parents before children
    code          text        not null unique,
    parent_id     bigint      references account (id),
    operator      text,
    source_code   text,
    phase         text,
    ti_id         text,
    region_code   text,
    measure_code  text,
    action_id     text,
    -- SCDL "Subventions" fields of a commitment
    beneficiary_name  text,
    beneficiary_siret text,
    decision_reference text,
    object        text,
    inflow_cents  bigint      not null default 0,
    outflow_cents bigint      not null default 0,
    entry_count   bigint      not null default 0,
    last_tx_id    uuid,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint account_inflow_not_negative check (inflow_cents >= 0),
    constraint account_outflow_not_negative check (outflow_cents >= 0),
    -- nothing passes down more than it received (the no-overdraft rule); the State budget is the only unbounded source
    constraint account_outflow_within_inflow check (kind = 'WORLD' or outflow_cents <= inflow_cents),
    -- the programme never exceeds EUR 1.36bn
    constraint programme_within_ceiling check (kind <> 'PROGRAMME' or inflow_cents <= 136000000000),
    constraint account_level check (level = case kind when 'WORLD' then 0 when 'PROGRAMME' then 1 when 'SOURCE' then 2
        when 'LINE' then 3 when 'ALLOCATION' then 4 when 'COMMITMENT' then 5 else 6 end),
    constraint allocation_keys check (kind <> 'ALLOCATION' or
        (operator is not null and phase is not null and ti_id is not null and measure_code is not null
         and region_code is not null)),
    constraint commitment_keys check (kind not in ('COMMITMENT', 'DISBURSED') or
        (operator is not null and phase is not null and ti_id is not null and measure_code is not null
         and action_id is not null))
);
create unique index account_line on account (operator) where kind = 'LINE';
create unique index account_allocation on account (phase, ti_id, measure_code, operator) where kind = 'ALLOCATION';
create unique index account_commitment on account (parent_id, action_id) where kind = 'COMMITMENT';
create index account_territory on account (phase, ti_id, kind);
create index account_action on account (action_id) where action_id is not null;
create index account_kind on account (kind, id);

insert into account (kind, level, code) values ('WORLD', 0, 'world:state-budget');
insert into account (kind, level, code, parent_id) values ('PROGRAMME', 1, 'programme', 1);
insert into account (kind, level, code, parent_id, source_code)
values ('SOURCE', 2, 'source:PIC', 2, 'PIC'),
       ('SOURCE', 2, 'source:PIA', 2, 'PIA'),
       ('SOURCE', 2, 'source:BANQUE_DES_TERRITOIRES', 2, 'BANQUE_DES_TERRITOIRES');

create table ledger_transaction (
    seq              bigserial   not null unique,   -- journal order and cursor
    id               uuid        primary key,
    kind             text        not null check (kind in ('SOURCE_SET', 'LINE_FUNDED', 'ALLOCATED', 'COMMITTED',
                                                           'DISBURSED', 'CANCELLED', 'REVERSAL')),
    effective_date   date        not null check (effective_date between date '2018-11-22' and date '2027-12-31'),
    recorded_at      timestamptz not null default clock_timestamp(),
    amount_cents     bigint      not null check (amount_cents > 0),
    reason           text,
    reference        text,
    reverses_tx      uuid        unique references ledger_transaction (id),
    reversed_kind    text,
    operator         text,
    source_code      text,
    phase            text,
    ti_id            text,
    region_code      text,
    measure_code     text,
    action_id        text,
    actor            text        not null,
    correlation_id   text,
    constraint reversal_has_reason check (kind not in ('REVERSAL', 'CANCELLED') or coalesce(length(trim(reason)), 0) > 0),
    constraint reversal_has_target check ((kind = 'REVERSAL') = (reverses_tx is not null))
);
create index ledger_transaction_effective on ledger_transaction (effective_date, seq);
create index ledger_transaction_operator on ledger_transaction (operator, seq);
create index ledger_transaction_territory on ledger_transaction (phase, ti_id, seq);

create table ledger_entry (
    id             bigserial   primary key,
    tx_id          uuid        not null references ledger_transaction (id),
    account_id     bigint      not null references account (id),
    side           char(1)     not null check (side in ('U', 'D')),
    amount_cents   bigint      not null check (amount_cents <> 0),
    effective_date date        not null
);
create index ledger_entry_tx on ledger_entry (tx_id);
create index ledger_entry_account_date on ledger_entry (account_id, effective_date) include (side, amount_cents);

-- Entries and transactions are immutable: corrections are reversals.
create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'ledger rows are immutable (% on %): post a reversal instead', tg_op, tg_table_name
        using errcode = 'P0001';
end $$;
create trigger ledger_entry_immutable before update or delete on ledger_entry
    for each row execute function ledger_refuse_change();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_refuse_change();
create trigger ledger_transaction_immutable before update or delete on ledger_transaction
    for each row execute function ledger_refuse_change();
create trigger ledger_transaction_no_truncate before truncate on ledger_transaction
    for each statement execute function ledger_refuse_change();

-- Balances follow the entries by construction: each inserted entry moves its account's inflow or outflow in the
-- same transaction, and the CHECK constraints of account refuse any state that breaks an invariant.
create function ledger_entry_apply() returns trigger language plpgsql as $$
begin
    if new.side = 'U' then
        update account set inflow_cents = inflow_cents + new.amount_cents, entry_count = entry_count + 1,
                           last_tx_id = new.tx_id, updated_at = now()
         where id = new.account_id;
    else
        update account set outflow_cents = outflow_cents - new.amount_cents, entry_count = entry_count + 1,
                           last_tx_id = new.tx_id, updated_at = now()
         where id = new.account_id;
    end if;
    return null;
end $$;
create trigger ledger_entry_applied after insert on ledger_entry
    for each row execute function ledger_entry_apply();

-- Double entry: at commit, the entries of every transaction sum to zero and there are at least two of them.
create function ledger_transaction_balanced() returns trigger language plpgsql as $$
declare
    total bigint;
    n     int;
begin
    select coalesce(sum(amount_cents), 0), count(*) into total, n from ledger_entry where tx_id = new.tx_id;
    if total <> 0 or n < 2 then
        raise exception 'transaction % is unbalanced: % entries summing to % cents', new.tx_id, n, total
            using errcode = '23514';
    end if;
    return null;
end $$;
create constraint trigger ledger_entry_balanced after insert on ledger_entry
    deferrable initially deferred for each row execute function ledger_transaction_balanced();

-- Per-territory totals, maintained in the writing transaction (row lock = one writer per territory at a time, so
-- the totals carried by events are in commit order for that Kafka key).
create table territory_totals (
    phase           text   not null,
    ti_id           text   not null,
    region_code     text   not null,
    allocated_cents bigint not null default 0,
    committed_cents bigint not null default 0,
    disbursed_cents bigint not null default 0,
    updated_at      timestamptz not null default now(),
    primary key (phase, ti_id),
    constraint territory_committed_within_allocated check (committed_cents <= allocated_cents),
    constraint territory_disbursed_within_committed check (disbursed_cents <= committed_cents),
    constraint territory_not_negative check (disbursed_cents >= 0)
);
create index territory_totals_region on territory_totals (region_code);

-- Fiches-actions known from contract-service events (ti.contract.v1 action.created / action.updated).
create table funding_action (
    action_id       text primary key,
    contract_id     text,
    phase           text not null,
    ti_id           text not null,
    region_code     text,
    title           text,
    axis            text,
    measure_codes   text[] not null default '{}',
    status          text,
    updated_at      timestamptz not null default now()
);

-- Per fiche-action totals (separate from the projection so a redelivered contract event never overwrites money).
create table action_totals (
    action_id       text   primary key,
    committed_cents bigint not null default 0,
    disbursed_cents bigint not null default 0,
    constraint action_disbursed_within_committed check (disbursed_cents <= committed_cents),
    constraint action_not_negative check (disbursed_cents >= 0)
);
