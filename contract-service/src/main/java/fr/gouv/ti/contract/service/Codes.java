package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.codes.Sirene;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Official codes this service validates: SIREN/SIRET (Luhn), operators, axes per phase. */
public final class Codes {

    /** Stable operator codes of the suite. */
    public static final Set<String> OPERATORS = Set.of("BANQUE_DES_TERRITOIRES", "BPIFRANCE", "BUSINESS_FRANCE",
            "FRANCE_TRAVAIL", "ADEME", "ACTION_LOGEMENT", "APEC", "CNAM", "ETAT");

    /** Former names still found in sources. */
    private static final Map<String, String> OPERATOR_ALIASES = Map.of("POLE_EMPLOI", "FRANCE_TRAVAIL");

    private static final Map<String, List<String>> AXES = Map.of(
            "2019-2022", List.of("RECRUTER", "INNOVER", "ATTIRER", "SIMPLIFIER"),
            "2023-2027", List.of("TRANSITION_ECOLOGIQUE", "INNOVATION", "COMPETENCES_RECRUTEMENT", "FONCIER_INDUSTRIEL"));

    /** SIREN of La Poste, whose SIRETs follow another rule. */

    private Codes() {
    }

    /** The canonical operator code, or null when unknown. */
    public static String operator(String code) {
        if (code == null) {
            return null;
        }
        String c = OPERATOR_ALIASES.getOrDefault(code, code);
        return OPERATORS.contains(c) ? c : null;
    }

    /** Axes of a phase; empty for a phase this service does not know (then any axis is refused). */
    public static List<String> axes(String phase) {
        return AXES.getOrDefault(phase, List.of());
    }

    public static boolean isSiren(String s) {
        return Sirene.isSiren(s);
    }

    /** 14 digits, Luhn on the whole and on its SIREN; La Poste's SIRETs: sum of digits multiple of 5. */
    public static boolean isSiret(String s) {
        return Sirene.isSiret(s);
    }
}
