package fr.gouv.ti.funding.service;

import java.time.LocalDate;

/**
 * What a request asks the ledger to post, one at a time, in the ledger's words: the resources turn their validated
 * bodies into these, so that the service knows no request type (the batched movements are {@link Movement}).
 */
public final class Postings {

    private Postings() {
    }

    /** The target amount of a programme source line; the ledger posts the difference with the current one. */
    public record SourceLine(long amountCents, LocalDate effectiveDate, String reason) {
    }

    /** Opens or tops up an operator's line from a source line, optionally naming its convention de mobilisation. */
    public record OperatorLine(String operator, String sourceCode, long amountCents, LocalDate effectiveDate,
                               String reference, String conventionCode) {
    }

    /** Part of an operator line for a territory and a measure; regionCode, when given, is only checked. */
    public record Allocation(String operator, String phase, String tiId, String regionCode, String measureCode,
                             long amountCents, LocalDate effectiveDate, String reference) {
    }

    /** A cancellation of a commitment's rest, or a reversal: always with its reason. */
    public record Correction(String reason, LocalDate effectiveDate) {
    }
}
