package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.codes.Sirene;
import fr.gouv.ti.commons.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;

import java.util.List;

/**
 * Official codes this service validates: SIREN/SIRET (Luhn); operators and axes per phase as measure-service
 * publishes them (reference.published, projected in {@code reference_code} by {@link ProjectionUpdater}), not a
 * list of this service's. Until the first snapshot has arrived (a fresh start) no operator or axis is known, and
 * the validation answers 503 rather than refusing a good code.
 */
public final class Codes {

    static final String OPERATOR = "OPERATOR";
    static final String AXIS = "AXIS";

    private Codes() {
    }

    /** The current operator code meant by {@code code} (an alias such as POLE_EMPLOI gives FRANCE_TRAVAIL), or null when unknown. */
    public static String operator(String code) {
        if (code == null) {
            return null;
        }
        List<?> rows = Panache.getEntityManager().createNativeQuery(
                        "select canonical from reference_code where kind = ?1 and code = ?2")
                .setParameter(1, OPERATOR).setParameter(2, code).getResultList();
        if (rows.isEmpty()) {
            requireReferenceData();
            return null;
        }
        return (String) rows.get(0);
    }

    /** The current operator codes (aliases left out), sorted. */
    @SuppressWarnings("unchecked")
    public static List<String> operators() {
        return requireReferenceData(Panache.getEntityManager().createNativeQuery(
                        "select code from reference_code where kind = ?1 and code = canonical order by code")
                .setParameter(1, OPERATOR).getResultList());
    }

    /** Axes of a phase, in order; empty for a phase measure-service has no axes for (then any axis is refused). */
    @SuppressWarnings("unchecked")
    public static List<String> axes(String phase) {
        List<String> axes = Panache.getEntityManager().createNativeQuery(
                        "select code from reference_code where kind = ?1 and phase = ?2 order by position, code")
                .setParameter(1, AXIS).setParameter(2, phase).getResultList();
        if (axes.isEmpty()) {
            requireReferenceData();
        }
        return axes;
    }

    private static void requireReferenceData() {
        Number n = (Number) Panache.getEntityManager().createNativeQuery("select count(*) from reference_version")
                .getSingleResult();
        if (n.longValue() == 0) {
            throw new ProblemException(503, "reference-data-pending", "Reference data not received yet",
                    "No operator or axis codes are known yet: the reference data of measure-service "
                            + "(reference.published on ti.measure.v1) has not arrived. Retry shortly.")
                    .withHeader("Retry-After", "5");
        }
    }

    private static List<String> requireReferenceData(List<String> codes) {
        if (codes.isEmpty()) {
            requireReferenceData();
        }
        return codes;
    }

    public static boolean isSiren(String s) {
        return Sirene.isSiren(s);
    }

    /** 14 digits, Luhn on the whole and on its SIREN; La Poste's SIRETs: sum of digits multiple of 5. */
    public static boolean isSiret(String s) {
        return Sirene.isSiret(s);
    }
}
