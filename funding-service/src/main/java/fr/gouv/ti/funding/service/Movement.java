package fr.gouv.ti.funding.service;

import fr.gouv.ti.funding.domain.Instrument;

import java.time.LocalDate;

/**
 * A movement of money that the ledger writer posts in batches: the hot paths of operator systems. What the request
 * asked, in the ledger's words; its caller, key and rendering travel beside it in a {@link LedgerRequest}.
 */
public sealed interface Movement {

    /** Commits part of the allocation (territory of the fiche-action × measure × operator) to a fiche-action. */
    record Commitment(String operator, String actionId, String measureCode, long amountCents, LocalDate effectiveDate,
                      String decisionReference, String beneficiaryName, String beneficiarySiret, String object,
                      Instrument instrument)
            implements Movement {
    }

    /** Pays part of a commitment. */
    record Disbursement(long commitmentId, long amountCents, LocalDate effectiveDate, String reference)
            implements Movement {
    }
}
