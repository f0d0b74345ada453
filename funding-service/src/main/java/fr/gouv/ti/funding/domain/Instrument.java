package fr.gouv.ti.funding.domain;

import java.util.Optional;

/**
 * How an operator funds a fiche-action, as the programme's operators do (the Banque des Territoires invests equity and
 * lends, Bpifrance lends and guarantees, both pay engineering). Only subsidies belong in the SCDL "Subventions" open
 * data: a grant is money paid to the beneficiary ("aide en numéraire"); an engineering credit pays for studies the
 * operator orders for the territory, which receives the service ("aide en nature"). Loans, equity and guarantees are
 * not subsidies: they stay in the journal and the aggregates, not in the Subventions file.
 */
public enum Instrument {
    GRANT("aide en numéraire"),
    ENGINEERING_CREDIT("aide en nature"),
    LOAN(null),
    EQUITY(null),
    GUARANTEE(null);

    public static final String PATTERN = "GRANT|ENGINEERING_CREDIT|LOAN|EQUITY|GUARANTEE";

    private final String scdlNature;

    Instrument(String scdlNature) {
        this.scdlNature = scdlNature;
    }

    /** The SCDL Subventions {@code nature} of a subsidy; empty for an instrument that is not one. */
    public Optional<String> scdlNature() {
        return Optional.ofNullable(scdlNature);
    }

    /** A commitment recorded before instruments were: the ledger then held grants only. */
    public static Instrument of(String stored) {
        return stored == null ? GRANT : valueOf(stored);
    }
}
