package fr.gouv.ti.funding.service;

import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;

import java.util.List;

/**
 * A movement accepted on the locked balances of a batch, waiting to be written: its transaction (not yet
 * numbered), the accounts after it, and what it adds to its territory's and fiche-action's totals.
 *
 * @param item index of the request in the batch
 */
record Accepted(int item, LedgerTransaction tx, List<Account> accountsAfter, Totals.Territory territoryDelta) {

    String territoryKey() {
        return tx.phase() + "/" + tx.tiId();
    }

    /** What it adds to its fiche-action's totals: the committed and disbursed parts of its territory's. */
    Totals.Action actionDelta() {
        return new Totals.Action(territoryDelta.committedCents(), territoryDelta.disbursedCents());
    }
}
