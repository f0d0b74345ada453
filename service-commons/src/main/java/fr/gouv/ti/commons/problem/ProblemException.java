package fr.gouv.ti.commons.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal the client can act on. Thrown from services; rendered as problem+json by {@link ProblemMappers}.
 * The transaction around the service rolls back, so nothing is written.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public static ProblemException badRequest(String detail, Problem.FieldError... errors) {
        return new ProblemException(400, "validation", "Invalid request", detail, List.of(errors));
    }

    public static ProblemException validation(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(422, "validation", "Request refused by validation", detail, errors);
    }

    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Authentication required", detail);
    }

    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public List<Problem.FieldError> errors() { return errors; }
    public Map<String, Object> extensions() { return extensions; }
    public Map<String, String> headers() { return headers; }
}
