package fr.gouv.ti.commons.web;

import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Query parameters a resource takes as text and reads itself: a malformed value is a 400 problem naming the
 * parameter (JAX-RS would answer 404 for a typed parameter it cannot convert; {@link ParameterConverters} does the
 * same for those). An absent or blank value is null.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw refused(name, value, "an ISO-8601 date (YYYY-MM-DD)");
        }
    }

    public static OffsetDateTime dateTime(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw refused(name, value, "an ISO-8601 date-time with offset (e.g. 2024-01-01T00:00:00Z)");
        }
    }

    public static Instant instant(String name, String value) {
        OffsetDateTime t = dateTime(name, value);
        return t == null ? null : t.toInstant();
    }

    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw refused(name, value, "a whole number");
        }
    }

    /** A flag: absent or {@code false} is false; {@code true} or present without a value ({@code ?history}) is true. */
    public static boolean flag(String name, String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw refused(name, value, "true or false");
    }

    /**
     * The {@code separator} of a CSV export: absent or blank is {@link CsvSeparator#COMMA}; {@code comma} and
     * {@code semicolon} as documented, anything else a 400 naming the allowed values.
     */
    public static CsvSeparator csvSeparator(String name, String value) {
        if (value == null || value.isBlank()) {
            return CsvSeparator.COMMA;
        }
        return CsvSeparator.ofParameter(value.trim()).orElseThrow(() -> refused(name, value, CsvSeparator.PARAMETER_VALUES));
    }

    static ProblemException refused(String name, String value, String expected) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return ProblemException.badRequest(name + " must be " + expected + ", got '" + shown + "'.",
                new Problem.FieldError(name, "must be " + expected));
    }
}
