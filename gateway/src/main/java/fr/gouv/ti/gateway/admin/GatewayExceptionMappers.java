package fr.gouv.ti.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The gateway's own endpoints answer problem+json too, and never show a stack trace. */
public class GatewayExceptionMappers {

    private static final Logger LOG = Logger.getLogger(GatewayExceptionMappers.class);

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, RoutingContext ctx) {
        return ApiKeyResource.problem(ctx, 400, "malformed-json", "Malformed JSON body",
                "The body is not valid JSON for this operation.", List.of());
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
