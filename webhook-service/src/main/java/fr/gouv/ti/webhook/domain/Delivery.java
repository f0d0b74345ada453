package fr.gouv.ti.webhook.domain;

import java.time.Instant;
import java.util.UUID;

/** One event to deliver to one subscription, with where it stands. */
public record Delivery(long id, UUID subscriptionId, String eventId, String eventType, String aggregateKey,
                       String status, int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError,
                       Long replayOf, Instant createdAt, Instant deliveredAt) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    /** One HTTP attempt of a delivery. */
    public record Attempt(long id, Instant attemptedAt, Integer statusCode, int latencyMs, String outcome,
                          String responseExcerpt, String error) {
    }

    /** A delivery claimed by this instance, with what sending it needs. */
    public record Claimed(long id, UUID subscriptionId, String url, int attempts, Instant createdAt,
                          StoredEvent event) {
    }

    /** A delivery to create. */
    public record New(UUID subscriptionId, String eventId, String aggregateKey) {
    }
}
