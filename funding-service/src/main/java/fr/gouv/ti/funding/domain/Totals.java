package fr.gouv.ti.funding.domain;

/** Totals after a transaction, carried by events so projections can simply overwrite. */
public final class Totals {

    private Totals() {
    }

    public record Territory(long allocatedCents, long committedCents, long disbursedCents) {
    }

    public record Action(long committedCents, long disbursedCents) {
    }
}
