-- How an operator funds a commitment (issue 20, SCDL open data): GRANT, ENGINEERING_CREDIT, LOAN, EQUITY, GUARANTEE.
-- Commitments recorded before are grants (null: the export reads them as GRANT). V6 and V7 are other changes'.
alter table account add column instrument text
    check (instrument in ('GRANT', 'ENGINEERING_CREDIT', 'LOAN', 'EQUITY', 'GUARANTEE'));
