package fr.gouv.ti.gateway.edge;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem+json written by the gateway itself (same shape as the services'). */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        send(ctx, status, slug, title, detail, null);
    }

    /** With {@code errors}: one {@code {field, message}} object per invalid field or parameter. */
    public static void send(RoutingContext ctx, int status, String slug, String title, String detail,
                            io.vertx.core.json.JsonArray errors) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        ctx.request().resume();
        JsonObject body = new JsonObject()
                .put("type", "urn:ti:problem:" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        String cid = ctx.get(EdgeHandler.CORRELATION_KEY);
        if (cid != null) {
            body.put("correlationId", cid);
            response.putHeader("X-Correlation-ID", cid);
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }
}
