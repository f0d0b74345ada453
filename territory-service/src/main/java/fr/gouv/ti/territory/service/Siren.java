package fr.gouv.ti.territory.service;

import fr.gouv.ti.commons.codes.Sirene;

/** SIREN: 9 digits whose Luhn checksum is valid (the rule lives in the shared library). */
public final class Siren {

    private Siren() {
    }

    /** Null when valid, else why not. */
    public static String problem(String siren) {
        return Sirene.sirenProblem(siren);
    }

    public static boolean valid(String siren) {
        return Sirene.isSiren(siren);
    }
}
