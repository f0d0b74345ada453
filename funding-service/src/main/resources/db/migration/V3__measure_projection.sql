-- Measures as published by measure-service (ti.measure.v1 catalogue.published / measure.retired): gives each measure
-- code its axis (enjeu) for the aggregates by axis.
create table measure_ref (
    code              text primary key,
    axis              text,
    title             text,
    phase             text,
    status            text,
    catalogue_version int  not null default 0,
    updated_at        timestamptz not null default now()
);
