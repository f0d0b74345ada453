package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;

import java.util.List;

/** A transaction just posted, with the balances of the accounts it touched and the totals after it. */
public record Posted(LedgerTransaction transaction, List<Account> accounts, Totals.Territory territoryTotals,
                     Totals.Action actionTotals) {

    /**
     * The territory of the movement, for its audit row: that of the first account it touched that belongs to one (an
     * allocation, a commitment); none for the programme's and the operators' own lines.
     */
    public AuditLog.Concerns auditConcerns() {
        return accounts.stream().filter(a -> a.phase() != null && a.tiId() != null).findFirst()
                .map(a -> AuditLog.Concerns.territory(a.phase(), a.tiId(), a.regionCode()))
                .orElse(AuditLog.Concerns.NONE);
    }
}
