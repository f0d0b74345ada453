-- Issue 20, part 5: an operator line's funding may name the convention de mobilisation it implements (the code that
-- measure-service publishes, GET /api/v1/catalogue/conventions, e.g. CONV-2019-BDT). The ledger does not know the
-- conventions (they are not projected from events): the code is a reference checked by its form only, kept with the
-- LINE_FUNDED transaction it came with, and immutable like the transaction.
create table operator_line_convention (
    tx_id            uuid primary key references ledger_transaction (id),
    operator         text not null,
    convention_code  text not null check (convention_code ~ '^CONV-[0-9]{4}-[A-Z0-9]+(-[A-Z0-9]+)*$')
);
create index operator_line_convention_code on operator_line_convention (convention_code);

create trigger operator_line_convention_immutable before update or delete on operator_line_convention
    for each row execute function ledger_refuse_change();
