package fr.gouv.ti.commons.paging;

import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: the client sends back what it received, never an offset. */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursor() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    /** The 400 problem of a cursor this API did not return. */
    public static ProblemException malformed() {
        return ProblemException.badRequest("cursor is not one this API returned",
                new Problem.FieldError("cursor", "malformed cursor"));
    }

    /** A cursor that holds a number (a sequence or an id); 0 when there is none, a 400 when it is not one of ours. */
    public static long decodeNumber(String cursor) {
        String decoded = decode(cursor);
        if (decoded == null) {
            return 0;
        }
        try {
            return Long.parseLong(decoded);
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT,
                    new Problem.FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return limit;
    }
}
