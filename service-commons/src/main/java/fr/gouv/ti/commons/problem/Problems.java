package fr.gouv.ti.commons.problem;

import fr.gouv.ti.commons.correlation.Correlation;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Builds problem+json responses with the request's correlation id. */
public final class Problems {

    private Problems() {
    }

    public static String typeOf(String slug) {
        return "urn:ti:problem:" + slug;
    }

    public static Response response(int status, String slug, String title, String detail, String instance,
                                    List<Problem.FieldError> errors, Map<String, Object> extensions) {
        Problem body = new Problem(typeOf(slug), title, status, detail, instance, Correlation.current(),
                errors == null || errors.isEmpty() ? null : errors, extensions == null || extensions.isEmpty() ? null : extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
