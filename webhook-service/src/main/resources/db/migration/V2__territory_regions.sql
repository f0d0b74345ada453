-- A territory whose perimeter straddles two regions (27 of them) is its lead region's and the other's: both receive
-- its events, as both read it through the API (issue 20). Every region of the territory, lead first.
alter table territory_region add column region_codes text[] not null default '{}';
update territory_region set region_codes = array[region_code] where region_codes = '{}';
