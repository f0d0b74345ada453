-- Territories that straddle two regions (12 of 2019-2022, 15 of 2023-2027): every region the perimeter reaches,
-- lead region first, ';'-separated like department_codes. Both regions read and co-sign the contract; the lead opens it.
alter table territory_projection add column region_codes text not null default '';
alter table contract add column region_codes text not null default '';
update territory_projection set region_codes = region_code where region_codes = '';
update contract set region_codes = region_code where region_codes = '';
