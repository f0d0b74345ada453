package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.funding.domain.ReferenceRepository;
import fr.gouv.ti.funding.domain.ReferenceRepository.Code;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Operator and funding-source codes are those measure-service publishes (reference.published), not a list of this
 * service's: a code of an older source (POLE_EMPLOI) is taken as the operator it means (FRANCE_TRAVAIL), an unknown
 * code is refused naming the known ones, and a source line published by measure-service is accepted as it arrives.
 */
@ApplicationScoped
public class ReferenceCodes {

    private final ReferenceRepository reference;

    public ReferenceCodes(ReferenceRepository reference) {
        this.reference = reference;
    }

    /** The current operator code meant by {@code code} (null stays null), or a 400 problem naming the known codes. */
    public String operator(String field, String code) {
        if (code == null) {
            return null;
        }
        return reference.canonical(ReferenceRepository.OPERATOR, code).orElseThrow(() -> {
            String known = known(ReferenceRepository.OPERATOR, "operator");
            return ProblemException.badRequest("Unknown operator " + code + "; the operators are " + known + ".",
                    new FieldError(field, "must be one of " + known));
        });
    }

    /** The funding-source code, or a 400 problem naming the known ones (for a field of the body). */
    public String source(String field, String code) {
        if (code == null) {
            return null;
        }
        return reference.canonical(ReferenceRepository.FUNDING_SOURCE, code).orElseThrow(() -> {
            String known = known(ReferenceRepository.FUNDING_SOURCE, "funding source");
            return ProblemException.badRequest("Unknown funding source " + code + "; the source lines are " + known
                    + ".", new FieldError(field, "must be one of " + known));
        });
    }

    /** The funding-source code of a path, or a 404 problem naming the known ones (a well-formed code of nothing). */
    public String sourceLine(String code) {
        return reference.canonical(ReferenceRepository.FUNDING_SOURCE, code).orElseThrow(() -> {
            String known = known(ReferenceRepository.FUNDING_SOURCE, "funding source");
            return ProblemException.notFound("No source line " + code + "; the source lines are " + known + ".");
        });
    }

    /** The codes known, or a 503 while measure-service's reference data has not arrived (a fresh start). */
    private String known(String kind, String what) {
        List<Code> codes = reference.current(kind);
        if (codes.isEmpty()) {
            throw new ProblemException(503, "reference-data-pending", "Reference data not received yet",
                    "No " + what + " codes are known yet: the reference data of measure-service (reference.published "
                            + "on ti.measure.v1) has not arrived. Retry shortly.").withHeader("Retry-After", "5");
        }
        return String.join(", ", codes.stream().map(Code::code).toList());
    }
}
