package fr.gouv.ti.commons.web;

import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;

import java.util.List;

/**
 * A CSV file uploaded to an import of the API, read by the shared {@link CsvReader} (comma or semicolon, UTF-8 or
 * Windows-1252): a file it cannot read is a 422 problem whose detail says what to do and whose {@code errors} hold
 * the line at fault (field {@code file}). Nothing is imported then.
 */
public final class CsvUpload {

    private CsvUpload() {
    }

    /** The text of the uploaded bytes (UTF-8, else Windows-1252), or a 422 saying how to save it as CSV UTF-8. */
    public static String text(byte[] bytes) {
        try {
            return CsvReader.decode(bytes).text();
        } catch (CsvReader.Refused e) {
            throw refused(e);
        }
    }

    /** The rows of an uploaded text, or a 422 giving the line and the reason. */
    public static CsvReader.Table table(String text) {
        try {
            return CsvReader.parse(text);
        } catch (CsvReader.Refused e) {
            throw refused(e);
        }
    }

    public static ProblemException refused(CsvReader.Refused e) {
        return ProblemException.validation(e.getMessage() + " Nothing was imported.",
                List.of(new Problem.FieldError("file", e.reason(), e.line())));
    }
}
