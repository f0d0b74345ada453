-- Communes (COG 2026) and their EPCI, to answer "is this place in a Territoire d'industrie?".
-- Replaced as a whole by an administrative import of a newer vintage.
create table commune (
    insee           text primary key check (insee ~ '^([0-9]{5}|2[AB][0-9]{3})$'),
    name            text    not null,
    siren           text    not null check (siren ~ '^[0-9]{9}$'),
    department_code text    not null references department (code),
    region_code     text    not null references region (code),
    epci_siren      text    check (epci_siren ~ '^[0-9]{9}$'),
    postal_codes    text[]  not null,
    population      integer check (population >= 0),
    -- lower-case, accent- and punctuation-free name (computed in Java)
    search_name     text    not null
);
create index commune_epci on commune (epci_siren);
create index commune_search_name on commune (search_name);
