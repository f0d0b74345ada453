-- Each transaction that changes the catalogue (versions, measures, axes, operators and their names) announces it when
-- it commits, so that every instance drops the answers it keeps in memory (service-commons DataChanges). One
-- statement-level trigger per table with a constant payload: PostgreSQL folds the notifications of one transaction.
create function catalogue_changed_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('catalogue_changed', '');
    return null;
end $$;

create trigger axis_changed after insert or update or delete or truncate on axis
    for each statement execute function catalogue_changed_notify();
create trigger operator_changed after insert or update or delete or truncate on operator
    for each statement execute function catalogue_changed_notify();
create trigger operator_name_changed after insert or update or delete or truncate on operator_name
    for each statement execute function catalogue_changed_notify();
create trigger operator_alias_changed after insert or update or delete or truncate on operator_alias
    for each statement execute function catalogue_changed_notify();
create trigger catalogue_version_changed after insert or update or delete or truncate on catalogue_version
    for each statement execute function catalogue_changed_notify();
create trigger measure_entry_changed after insert or update or delete or truncate on measure_entry
    for each statement execute function catalogue_changed_notify();
create trigger measure_operator_changed after insert or update or delete or truncate on measure_operator
    for each statement execute function catalogue_changed_notify();
