package fr.gouv.ti.funding.service;

import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;

import java.util.List;

/** A transaction just posted, with the balances of the accounts it touched and the totals after it. */
public record Posted(LedgerTransaction transaction, List<Account> accounts, Totals.Territory territoryTotals,
                     Totals.Action actionTotals) {
}
