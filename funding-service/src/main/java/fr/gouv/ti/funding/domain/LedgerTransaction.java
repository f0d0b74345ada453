package fr.gouv.ti.funding.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A posted transaction and its entries (which sum to zero). */
public record LedgerTransaction(long seq, UUID id, TransactionKind kind, LocalDate effectiveDate, Instant recordedAt,
                                long amountCents, String reason, String reference, UUID reversesTx,
                                String reversedKind, String operator, String sourceCode, String phase, String tiId,
                                String regionCode, String measureCode, String actionId, String actor,
                                List<Entry> entries) {

    public LedgerTransaction withEntries(List<Entry> e) {
        return new LedgerTransaction(seq, id, kind, effectiveDate, recordedAt, amountCents, reason, reference,
                reversesTx, reversedKind, operator, sourceCode, phase, tiId, regionCode, measureCode, actionId, actor, e);
    }
}
