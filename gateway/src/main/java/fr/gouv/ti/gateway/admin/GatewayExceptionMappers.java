package fr.gouv.ti.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The gateway's own endpoints answer problem+json too, and never show a stack trace. */
public class GatewayExceptionMappers {

    private static final Logger LOG = Logger.getLogger(GatewayExceptionMappers.class);

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, RoutingContext ctx) {
        return ApiKeyResource.problem(ctx, 400, "malformed-json", "Malformed JSON body",
                "The body is not valid JSON for this operation.", List.of());
    }

    /**
     * Wrong JSON types (an object where a text is expected, an array for the body): Quarkus' built-in mapper for this
     * exception is closer than {@link #json} and answers an empty 400; this one keeps it problem+json and names the field.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, RoutingContext ctx) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        String detail = field.isEmpty() ? "The body must be a JSON object with the fields of this operation."
                : "Field " + field + " has the wrong JSON type.";
        return ApiKeyResource.problem(ctx, 400, "malformed-json", "Malformed JSON body", detail,
                field.isEmpty() ? List.of() : List.of(Map.of("field", field, "message", "wrong JSON type")));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe, ctx);
        }
        return ApiKeyResource.problem(ctx, status, status == 404 ? "not-found" : "bad-request",
                Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status == 404 ? "No resource at " + ctx.request().path() + "." : e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext ctx) {
        LOG.error("unexpected error", e);
        return ApiKeyResource.problem(ctx, 500, "internal", "Internal error",
                "An unexpected error occurred. Quote the correlation id when reporting it.", List.of());
    }
}
