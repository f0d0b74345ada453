package fr.gouv.ti.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import fr.gouv.ti.commons.correlation.Correlation;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every failure leaves a service as problem+json: a clear 4xx for the client's mistakes, a 503 when a dependency
 * is down, and a bare 500 otherwise. Stack traces go to the log with the correlation id, never to the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response r = Problems.response(e.status(), e.slug(), e.title(), e.getMessage(), path(uri), e.errors(), e.extensions());
        if (e.headers().isEmpty()) {
            return r;
        }
        Response.ResponseBuilder b = Response.fromResponse(r);
        e.headers().forEach(b::header);
        return b.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return Problems.response(400, "validation", "Invalid request", detail, path(uri), errors, null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return Problems.response(400, "malformed-json", "Malformed JSON body", describe(e), path(uri),
                fieldErrors(e), null);
    }

    /**
     * Wrong types, decimals for integers, unknown fields: Quarkus' own BuiltinMismatchedInputExceptionMapper is closer
     * to these than {@link #json}, and answers application/json; this one keeps them problem+json.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problems.response(401, "unauthorized", "Authentication required",
                "This request needs a valid identity.", path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return Problems.response(401, "unauthorized", "Authentication required",
                "The identity presented is missing, expired or not signed by the gateway.", path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(403, "forbidden", "Forbidden",
                "Your role does not allow this operation.", path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return json(jpe, uri);
        }
        if (cause instanceof ProblemException pe) {
            // a parameter that did not convert (ParameterConverters): JAX-RS wraps it in a 404 or a 400
            return problem(pe, uri);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request refused";
        String detail = switch (status) {
            case 404 -> "No resource at " + path(uri) + ".";
            case 405 -> "Method not allowed on " + path(uri) + ".";
            case 406 -> "This resource answers application/json (or text/csv where stated).";
            case 415 -> "Unsupported content type: send application/json (or text/csv for imports).";
            default -> e.getMessage();
        };
        return Problems.response(status, slugOf(status), title, detail, path(uri), null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("database unavailable [%s]: %s", Correlation.current(), e.toString());
            Response r = Problems.response(503, "unavailable", "Service temporarily unavailable",
                    "The service cannot reach its database; retry later.", path(uri), null, null);
            return Response.fromResponse(r).header("Retry-After", "5").build();
        }
        LOG.errorf(e, "unexpected error [%s]", Correlation.current());
        return Problems.response(500, "internal", "Internal error",
                "An unexpected error occurred. Quote the correlation id when reporting it.", path(uri), null,
                Map.of());
    }

    /** Whether a failure means the database cannot be reached (503), not that the request was wrong. */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.endsWith("JDBCConnectionException")
                    || (t.getMessage() != null && t.getMessage().contains("Acquisition timeout"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String slugOf(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                // a body parameter's Java name says nothing to an API client; a query parameter's does
                parameter = node.getName();
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return String.join(".", names);
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'.";
        }
        if (e instanceof InvalidFormatException f) {
            return "Value " + f.getValue() + " of field '" + pathOf(f) + "' is not a valid "
                    + simpleType(f.getTargetType()) + ".";
        }
        if (e instanceof MismatchedInputException m) {
            String field = pathOf(m);
            return (field.isEmpty() ? "Body" : "Field '" + field + "'") + " has the wrong type"
                    + (m.getTargetType() != null ? ": expected " + simpleType(m.getTargetType()) : "") + ".";
        }
        String msg = e.getOriginalMessage();
        return "The body is not valid JSON" + (msg == null ? "." : ": " + msg.lines().findFirst().orElse("") + ".");
    }

    private static List<Problem.FieldError> fieldErrors(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !pathOf(m).isEmpty()) {
            return List.of(new Problem.FieldError(pathOf(m), describe(e)));
        }
        return List.of();
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "integer";
        }
        if (type.getSimpleName().equals("LocalDate")) {
            return "date (YYYY-MM-DD)";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of ");
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(values[i]);
            }
            return sb.toString();
        }
        return type.getSimpleName();
    }
}
