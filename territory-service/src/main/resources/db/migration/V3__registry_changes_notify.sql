-- Each transaction that changes the registry (a territory, its perimeter or its pilots) announces it when it
-- commits, so that every instance drops its cached reads at once (RegistryChanges). One statement-level trigger per
-- table with a constant payload: PostgreSQL folds the notifications of one transaction into one.
create function registry_changed_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('registry_changed', '');
    return null;
end $$;

create trigger territory_changed after insert or update or delete or truncate on territory
    for each statement execute function registry_changed_notify();
create trigger territory_member_changed after insert or update or delete or truncate on territory_member
    for each statement execute function registry_changed_notify();
create trigger territory_pilot_changed after insert or update or delete or truncate on territory_pilot
    for each statement execute function registry_changed_notify();
