-- Every change of an API key (issue, revocation, bootstrap key rotation, or a manual fix in SQL) is announced to all
-- gateway instances when it commits, so that their caches of key lookups drop the entry at once.
create function api_key_notify() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('api_key_changed', old.key_hash);
        return old;
    end if;
    perform pg_notify('api_key_changed', new.key_hash);
    if tg_op = 'UPDATE' and old.key_hash <> new.key_hash then
        perform pg_notify('api_key_changed', old.key_hash);
    end if;
    return new;
end $$;

create trigger api_key_changed after insert or update or delete on api_key
    for each row execute function api_key_notify();
