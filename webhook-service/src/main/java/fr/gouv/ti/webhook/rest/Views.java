package fr.gouv.ti.webhook.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.webhook.domain.Delivery;
import fr.gouv.ti.webhook.domain.Subscription;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API answers. */
public final class Views {

    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Subscription")
    public record SubscriptionView(UUID id, String url, String description, List<String> eventTypes,
                                   @Schema(description = "Filter, when set") String phase,
                                   @Schema(description = "Filter, when set") String tiId,
                                   @Schema(description = "Filter, when set") String regionCode,
                                   @Schema(description = "false once disabled after repeated failures (see "
                                           + "disabledReason) or by the client") boolean enabled,
                                   String disabledReason, Instant disabledAt,
                                   @Schema(description = "Failed attempts since the last success")
                                   int consecutiveFailures, Instant failingSince,
                                   @Schema(description = "The role and scope of the client: what it may receive")
                                   String ownerRole, Instant createdAt, Instant updatedAt) {

        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.description(), s.eventTypes(), s.filterPhase(),
                    s.filterTiId(), s.filterRegion(), s.enabled(), s.disabledReason(), s.disabledAt(),
                    s.consecutiveFailures(), s.failingSince(), s.owner().role().claim(), s.createdAt(), s.updatedAt());
        }
    }

    @Schema(name = "CreatedSubscription", description = "The subscription and its signing secret, shown only here")
    public record CreatedSubscription(SubscriptionView subscription,
                                      @Schema(description = "whsec_ + base64 key: verify webhook-signature with it; "
                                              + "shown once", example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                                      String secret) {
    }

    @Schema(name = "RotatedSecret")
    public record RotatedSecret(@Schema(description = "The new secret, shown once") String secret,
                                @Schema(description = "Until then the previous secret still signs (a second "
                                        + "v1 signature in webhook-signature)") Instant previousSecretValidUntil) {
    }

    @Schema(name = "SubscriptionPage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionPage(List<SubscriptionView> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Delivery")
    public record DeliveryView(long id,
                               @Schema(description = "The webhook-id header: the event's id, the same on every "
                                       + "attempt and replay") String webhookId,
                               String eventType,
                               @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED"}) String status,
                               int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
                               @Schema(description = "The delivery this one replays (0: a replay since a date)")
                               Long replayOf, Instant createdAt, Instant deliveredAt,
                               @Schema(description = "Every attempt, oldest first (getWebhookDelivery only)")
                               List<AttemptView> attemptLog) {

        static DeliveryView of(Delivery d, List<AttemptView> attempts) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                    Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null, d.lastStatus(), d.lastError(),
                    d.replayOf(), d.createdAt(), d.deliveredAt(), attempts);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DeliveryAttempt")
    public record AttemptView(Instant attemptedAt, Integer statusCode, int latencyMs,
                              @Schema(enumeration = {"DELIVERED", "HTTP_ERROR", "TIMEOUT", "NETWORK_ERROR", "REFUSED"})
                              String outcome,
                              @Schema(description = "The start of the receiver's answer") String responseExcerpt,
                              String error) {

        static AttemptView of(Delivery.Attempt a) {
            return new AttemptView(a.attemptedAt(), a.statusCode(), a.latencyMs(), a.outcome(), a.responseExcerpt(),
                    a.error());
        }
    }

    @Schema(name = "DeliveryPage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }

    @Schema(name = "ReplayRequest")
    public record ReplayRequest(@Schema(required = true, description = "Every event received since then that the "
            + "subscription wants is delivered again", example = "2026-12-01T00:00:00Z") Instant since) {
    }

    @Schema(name = "ReplayResult")
    public record ReplayResult(@Schema(description = "Deliveries queued") int queued) {
    }

    @Schema(name = "ReplayedDelivery")
    public record Replayed(@Schema(description = "The new delivery") long deliveryId) {
    }

    @Schema(name = "EventTypes")
    public record EventTypesView(List<String> items) {
    }
}
