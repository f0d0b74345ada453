package fr.gouv.ti.webhook.rest;

import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.webhook.domain.Delivery;
import fr.gouv.ti.webhook.domain.EventTypes;
import fr.gouv.ti.webhook.service.DeliveryLog;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhook deliveries", description = "The delivery log of a subscription and replays")
public class DeliveryResource {

    private final DeliveryLog log;
    private final CurrentCaller caller;

    public DeliveryResource(DeliveryLog log, CurrentCaller caller) {
        this.log = log;
        this.caller = caller;
    }

    @GET
    @Path("/event-types")
    @Operation(operationId = "listWebhookEventTypes", summary = "The event types one may subscribe to",
            description = "Their payloads are in the AsyncAPI document of the webhooks (/docs/webhook/asyncapi.yaml).")
    @APIResponse(responseCode = "200", description = "Every type",
            content = @Content(schema = @Schema(implementation = Views.EventTypesView.class)))
    public Views.EventTypesView eventTypes() {
        return new Views.EventTypesView(EventTypes.sorted());
    }

    @GET
    @Path("/subscriptions/{subscriptionId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log of a subscription",
            description = "Newest first, cursor pagination; `status` filters.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = Views.DeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "Malformed id, status, limit or cursor")
    @APIResponse(responseCode = "401", description = "Anonymous")
    @APIResponse(responseCode = "404", description = "No such subscription for this client")
    public Views.DeliveryPage deliveries(@PathParam("subscriptionId") UUID subscriptionId,
                                         @Parameter(schema = @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED"}))
                                         @QueryParam("status") String status,
                                         @Parameter(description = "1 to 500, default 50", example = "50")
                                         @QueryParam("limit") Integer limit,
                                         @Parameter(description = "nextCursor of the previous page")
                                         @QueryParam("cursor") String cursor) {
        int n = Cursor.limit(limit);
        List<Delivery> page = log.page(caller.get(), subscriptionId, status, Cursor.decodeNumber(cursor), n + 1);
        String next = null;
        if (page.size() > n) {
            page = page.subList(0, n);
            next = Cursor.encode(Long.toString(page.get(n - 1).id()));
        }
        return new Views.DeliveryPage(page.stream().map(d -> Views.DeliveryView.of(d, null)).toList(), next);
    }

    @GET
    @Path("/subscriptions/{subscriptionId}/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "A delivery and its attempts",
            description = "Each attempt with its time, HTTP status, latency, outcome and the start of the answer.")
    @APIResponse(responseCode = "200", description = "The delivery",
            content = @Content(schema = @Schema(implementation = Views.DeliveryView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "401", description = "Anonymous")
    @APIResponse(responseCode = "404", description = "No such subscription or delivery")
    public Views.DeliveryView delivery(@PathParam("subscriptionId") UUID subscriptionId,
                                       @PathParam("deliveryId") long deliveryId) {
        Delivery d = log.get(caller.get(), subscriptionId, deliveryId);
        return Views.DeliveryView.of(d, log.attempts(d).stream().map(Views.AttemptView::of).toList());
    }

    @POST
    @Path("/subscriptions/{subscriptionId}/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replayWebhookDelivery", summary = "Deliver one event again",
            description = "A new delivery of the same event, with the same `webhook-id`, queued now.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = Views.Replayed.class)))
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "401", description = "Anonymous")
    @APIResponse(responseCode = "404", description = "No such subscription or delivery")
    public Response replay(@PathParam("subscriptionId") UUID subscriptionId, @PathParam("deliveryId") long deliveryId) {
        return Response.accepted(new Views.Replayed(log.replay(caller.get(), subscriptionId, deliveryId))).build();
    }

    @POST
    @Path("/subscriptions/{subscriptionId}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayWebhookEventsSince", summary = "Deliver again everything since a date",
            description = "Every event received since `since` (within the retention, 30 days by default) that the "
                    + "subscription wants and its client may read, in the order received.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = Views.ReplayResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed id or body")
    @APIResponse(responseCode = "401", description = "Anonymous")
    @APIResponse(responseCode = "404", description = "No such subscription for this client")
    @APIResponse(responseCode = "422", description = "since in the future")
    public Response replaySince(@PathParam("subscriptionId") UUID subscriptionId,
                                @NotNull Views.ReplayRequest request) {
        int n = log.replaySince(caller.get(), subscriptionId, request.since());
        return Response.accepted(new Views.ReplayResult(n)).build();
    }
}
