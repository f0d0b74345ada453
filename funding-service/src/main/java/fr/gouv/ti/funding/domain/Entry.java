package fr.gouv.ti.funding.domain;

/**
 * One immutable entry. {@code side} 'U': the counterparty is the parent, the amount changes the account's inflow;
 * 'D': the counterparty is a child, the account's outflow changes by minus the amount.
 */
public record Entry(long accountId, char side, long amountCents) {

    public long inflowDelta() {
        return side == 'U' ? amountCents : 0;
    }

    public long outflowDelta() {
        return side == 'D' ? -amountCents : 0;
    }

    public Entry negated() {
        return new Entry(accountId, side, -amountCents);
    }
}
