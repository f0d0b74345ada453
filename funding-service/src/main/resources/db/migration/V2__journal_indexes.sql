-- Journal and SCDL export filters by fiche-action and region stay index scans on a large ledger.
create index ledger_transaction_action on ledger_transaction (action_id, kind, seq) where action_id is not null;
create index ledger_transaction_region on ledger_transaction (region_code, seq) where region_code is not null;
