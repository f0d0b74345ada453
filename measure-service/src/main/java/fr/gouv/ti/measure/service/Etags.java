package fr.gouv.ti.measure.service;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.measure.domain.CatalogueVersion;

import java.util.Arrays;

/** Strong ETags of catalogue versions ({@code "<number>.<revision>"}) and the If-Match check of draft edits. */
public final class Etags {

    private Etags() {
    }

    public static String of(CatalogueVersion v) {
        return "\"" + v.number + "." + v.revision + "\"";
    }

    /** 428 when If-Match is missing, 412 when it does not match the draft's current ETag. */
    public static void requireMatch(String ifMatch, CatalogueVersion v) {
        String current = of(v);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Edits of the draft need an If-Match header with the draft's ETag (GET /api/v1/catalogue/versions/"
                            + v.number + " returns it), so that concurrent edits are not lost.")
                    .with("currentETag", current);
        }
        boolean match = Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(current::equals);
        if (!match) {
            throw new ProblemException(412, "precondition-failed", "ETag mismatch",
                    "The draft changed since you read it (If-Match " + ifMatch + ", current ETag " + current
                            + "); read it again and retry.")
                    .with("currentETag", current);
        }
    }
}
