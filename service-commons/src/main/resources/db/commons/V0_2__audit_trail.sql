-- The audit trail is read (GET /api/v1/audit/<service>/entries, issue 20): each row says which territory it
-- concerns where the write knew it, so that a region reads the rows about its own territories; the reads go
-- newest first, by correlation id or by resource. Rows written before this migration concern no territory.
-- Numbered 0.2 like the other shared migrations; the services migrate out of order, so a database that already
-- ran its own later versions takes this one too.
alter table audit_log
    add column territory    text,
    add column region_codes text[];
create index audit_log_recent on audit_log (occurred_at desc, id desc);
create index audit_log_correlation on audit_log (correlation_id) where correlation_id is not null;
