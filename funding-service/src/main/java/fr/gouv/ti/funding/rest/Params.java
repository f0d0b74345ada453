package fr.gouv.ti.funding.rest;

import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Query parameters parsed here so a bad value is a 400 naming the parameter (JAX-RS would answer 404). */
final class Params {

    private Params() {
    }

    static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 date such as 2024-12-31",
                    new Problem.FieldError(name, "not an ISO-8601 date"));
        }
    }

    static java.time.OffsetDateTime instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2024-01-01T00:00:00Z",
                    new Problem.FieldError(name, "not an ISO-8601 instant"));
        }
    }

    static long cursor(String cursor) {
        String decoded = fr.gouv.ti.commons.paging.Cursor.decode(cursor);
        if (decoded == null) {
            return 0;
        }
        try {
            return Long.parseLong(decoded);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor is not one this API returned",
                    new Problem.FieldError("cursor", "malformed cursor"));
        }
    }
}
