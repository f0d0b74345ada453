-- Group commit posts many transactions in one statement. The per-row triggers of V1 cost one UPDATE of account per
-- entry and one SUM over ledger_entry per entry at commit; these statement-level triggers do the same work once per
-- statement, with the same guarantees:
--  * double entry: the entries inserted by one statement for each transaction sum to zero, and there are at least
--    two of them. A transaction's entries are therefore written in one statement (LedgerJournal does); a statement
--    that adds a lone or unbalanced entry to any transaction, old or new, is refused at once (23514).
--  * balances follow the entries: each account touched by the statement moves by the net of its entries, in one
--    UPDATE per account, and the CHECK constraints of account refuse any resulting state that breaks an invariant.

drop trigger ledger_entry_balanced on ledger_entry;
drop trigger ledger_entry_applied on ledger_entry;
drop function ledger_transaction_balanced();
drop function ledger_entry_apply();

create function ledger_entries_post() returns trigger language plpgsql as $$
declare
    bad record;
begin
    select tx_id, count(*) as n, sum(amount_cents) as total into bad
      from new_entries group by tx_id having sum(amount_cents) <> 0 or count(*) < 2 limit 1;
    if found then
        raise exception 'transaction % is unbalanced: % entries summing to % cents', bad.tx_id, bad.n, bad.total
            using errcode = '23514';
    end if;
    update account a
       set inflow_cents  = a.inflow_cents + d.inflow,
           outflow_cents = a.outflow_cents + d.outflow,
           entry_count   = a.entry_count + d.n,
           last_tx_id    = d.last_tx,
           updated_at    = now()
      from (select account_id,
                   coalesce(sum(amount_cents) filter (where side = 'U'), 0) as inflow,
                   coalesce(-sum(amount_cents) filter (where side = 'D'), 0) as outflow,
                   count(*) as n,
                   (array_agg(tx_id order by id desc))[1] as last_tx
              from new_entries group by account_id) d
     where a.id = d.account_id;
    return null;
end $$;

create trigger ledger_entries_posted after insert on ledger_entry
    referencing new table as new_entries
    for each statement execute function ledger_entries_post();
