package fr.gouv.ti.commons.web;

import fr.gouv.ti.commons.problem.ProblemException;

/** {@code If-Match} against the current version of a resource: 428 when missing, 412 when stale. */
public final class Preconditions {

    private Preconditions() {
    }

    public static void requireMatch(String ifMatch, long currentVersion, String what) {
        String current = "\"" + currentVersion + "\"";
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Updating " + what + " needs an If-Match header with the ETag you last read (current: " + current + ").")
                    .with("currentETag", current);
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(current) || t.equals(String.valueOf(currentVersion))) {
                return;
            }
        }
        throw new ProblemException(412, "precondition-failed", "Stale version",
                "If-Match " + ifMatch + " does not match the current version of " + what + " (" + current
                        + "): someone changed it since you read it; read it again and retry.")
                .with("currentETag", current).withHeader("ETag", current);
    }
}
