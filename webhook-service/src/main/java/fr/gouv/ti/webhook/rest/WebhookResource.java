package fr.gouv.ti.webhook.rest;

import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.webhook.domain.Delivery;
import fr.gouv.ti.webhook.domain.EventTypes;
import fr.gouv.ti.webhook.domain.Subscription;
import fr.gouv.ti.webhook.service.DeliveryLog;
import fr.gouv.ti.webhook.service.SubscriptionService;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * The webhooks API. One root resource for every path under {@code /api/v1/webhooks}: JAX-RS picks the root resource
 * by its path before looking at methods, so a second root on a longer prefix would hide the paths of this one.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final String SUBSCRIPTIONS = "Webhook subscriptions";
    private static final String DELIVERIES = "Webhook deliveries";
    private static final String SUBSCRIPTIONS_DOC = "Where and which events a client receives; each client sees and "
            + "changes only its own subscriptions";
    private static final String DELIVERIES_DOC = "The delivery log of a subscription and replays";

    private final SubscriptionService subscriptions;
    private final DeliveryLog log;
    private final CurrentCaller caller;

    public WebhookResource(SubscriptionService subscriptions, DeliveryLog log, CurrentCaller caller) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.caller = caller;
    }

    @POST
    @Path("/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = SUBSCRIPTIONS, description = SUBSCRIPTIONS_DOC)
    @APIResponse(responseCode = "401", description = "Anonymous callers cannot subscribe")
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a URL to events",
            description = "The answer holds the signing secret (`whsec_…`), shown only once. The client receives only "
                    + "the events its role may read (a region its territories', an operator its own movements and the "
                    + "contracts it is party to, a territory team its own), further narrowed by the filters.")
    @APIResponse(responseCode = "201", description = "Subscribed", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Views.CreatedSubscription.class)))
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "422", description = "URL refused (malformed, not https, private or loopback address), "
            + "unknown event type, malformed filter or a filter outside the client's scope; nothing stored")
    public Response create(@NotNull SubscriptionRequest request, @Context UriInfo uri) {
        SubscriptionService.Created c = subscriptions.create(caller.get(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(c.subscription().id().toString()).build())
                .tag(Integer.toString(c.subscription().version()))
                .entity(new Views.CreatedSubscription(Views.SubscriptionView.of(c.subscription()), c.secret())).build();
    }

    @GET
    @Path("/subscriptions")
    @Tag(name = SUBSCRIPTIONS, description = SUBSCRIPTIONS_DOC)
    @APIResponse(responseCode = "401", description = "Anonymous")
    @Operation(operationId = "listWebhookSubscriptions", summary = "The calling client's subscriptions",
            description = "Oldest first, cursor pagination.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = Views.SubscriptionPage.class)))
    @APIResponse(responseCode = "400", description = "Malformed limit or cursor")
    public Views.SubscriptionPage list(@Parameter(description = "1 to 500, default 50", example = "50")
                                       @QueryParam("limit") Integer limit,
                                       @Parameter(description = "nextCursor of the previous page")
                                       @QueryParam("cursor") String cursor) {
        int n = Cursor.limit(limit);
        List<Subscription> page = subscriptions.list(caller.get(), Cursor.decodeNumber(cursor), n + 1);
        String next = null;
        if (page.size() > n) {
            page = page.subList(0, n);
            next = Cursor.encode(Long.toString(subscriptions.seqOf(page.get(n - 1).id())));
        }
        return new Views.SubscriptionPage(page.stream().map(Views.SubscriptionView::of).toList(), next);
    }

    @GET
    @Path("/subscriptions/{subscriptionId}")
    @Tag(name = SUBSCRIPTIONS, description = SUBSCRIPTIONS_DOC)
    @APIResponse(responseCode = "401", description = "Anonymous")
    @Operation(operationId = "getWebhookSubscription", summary = "A subscription",
            description = "With its state: enabled, or disabled and why; failures since the last success.")
    @APIResponse(responseCode = "200", description = "The subscription", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Views.SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "404", description = "No such subscription for this client")
    public Response get(@PathParam("subscriptionId") UUID id) {
        Subscription s = subscriptions.get(caller.get(), id);
        return Response.ok(Views.SubscriptionView.of(s)).tag(Integer.toString(s.version())).build();
    }

    @PATCH
    @Path("/subscriptions/{subscriptionId}")
    @Tag(name = SUBSCRIPTIONS, description = SUBSCRIPTIONS_DOC)
    @APIResponse(responseCode = "401", description = "Anonymous")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateWebhookSubscription", summary = "Change or re-enable a subscription",
            description = "Fields given replace the current ones (an empty filter removes it). `enabled: true` "
                    + "re-enables an endpoint disabled after repeated failures: its pending deliveries go out at once. "
                    + "Needs If-Match with the ETag.")
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = Views.SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed id or body")
    @APIResponse(responseCode = "404", description = "No such subscription for this client")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Refused by validation; nothing changed")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(@PathParam("subscriptionId") UUID id, @NotNull SubscriptionPatch patch,
                           @Parameter(in = ParameterIn.HEADER, description = "ETag of the subscription")
                           @HeaderParam("If-Match") String ifMatch) {
        Subscription s = subscriptions.update(caller.get(), id, patch, ifMatch);
        return Response.ok(Views.SubscriptionView.of(s)).tag(Integer.toString(s.version())).build();
    }

    @DELETE
    @Path("/subscriptions/{subscriptionId}")
    @Tag(name = SUBSCRIPTIONS, description = SUBSCRIPTIONS_DOC)
    @APIResponse(responseCode = "401", description = "Anonymous")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Unsubscribe",
            description = "Pending deliveries are dropped with the subscription and its log.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Malformed id")
    @APIResponse(responseCode = "404", description = "No such subscription for this client")
    public Response delete(@PathParam("subscriptionId") UUID id) {
        subscriptions.delete(caller.get(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/subscriptions/{subscriptionId}/secret-rotation")
    @Tag(name = SUBSCRIPTIONS, description = SUBSCRIPTIONS_DOC)
    @APIResponse(responseCode = "401", description = "Anonymous")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the signing secret",
            description = "A new secret, shown once, signs from now on; the previous one keeps signing too (a second "
                    + "`v1,` signature in `webhook-signature`) for `overlapSeconds` (default 24 h), so that the "
                    + "receiver can switch without missing a delivery.")
    @APIResponse(responseCode = "200", description = "Rotated",
            content = @Content(schema = @Schema(implementation = Views.RotatedSecret.class)))
    @APIResponse(responseCode = "400", description = "Malformed id or overlapSeconds")
    @APIResponse(responseCode = "404", description = "No such subscription for this client")
    public Views.RotatedSecret rotate(@PathParam("subscriptionId") UUID id,
                                      @Parameter(description = "0 to 604800, default 86400", example = "3600")
                                      @QueryParam("overlapSeconds") Integer overlapSeconds) {
        SubscriptionService.Rotated r = subscriptions.rotate(caller.get(), id, overlapSeconds);
        return new Views.RotatedSecret(r.secret(), r.previousValidUntil());
    }

    @GET
    @Path("/event-types")
    @Tag(name = SUBSCRIPTIONS, description = SUBSCRIPTIONS_DOC)
    @Operation(operationId = "listWebhookEventTypes", summary = "The event types one may subscribe to",
            description = "Their payloads are in the AsyncAPI document of the webhooks (/docs/webhook/asyncapi.yaml).")
    @APIResponse(responseCode = "200", description = "Every type",
            content = @Content(schema = @Schema(implementation = Views.EventTypesView.class)))
    public Views.EventTypesView eventTypes() {
        return new Views.EventTypesView(EventTypes.sorted());
    }

    @GET
    @Tag(name = DELIVERIES, description = DELIVERIES_DOC)
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
    @Tag(name = DELIVERIES, description = DELIVERIES_DOC)
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
    @Tag(name = DELIVERIES, description = DELIVERIES_DOC)
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
    @Tag(name = DELIVERIES, description = DELIVERIES_DOC)
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
