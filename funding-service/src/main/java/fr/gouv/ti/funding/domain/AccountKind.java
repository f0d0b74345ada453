package fr.gouv.ti.funding.domain;

/** Levels of the account hierarchy, in lock order (parents before children). */
public enum AccountKind {
    WORLD(0), PROGRAMME(1), SOURCE(2), LINE(3), ALLOCATION(4), COMMITMENT(5), DISBURSED(6);

    public final int level;

    AccountKind(int level) {
        this.level = level;
    }
}
