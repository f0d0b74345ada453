package fr.gouv.ti.webhook.service;

import fr.gouv.ti.webhook.config.WebhookConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: {@code initial × 2^(attempts-1)}, capped at {@code max}, spread by ±jitter
 * so that the retries of many deliveries do not come back together; none after {@code retryFor} from the first.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final Duration retryFor;
    private final DoubleSupplier random;

    public Backoff(WebhookConfig.Delivery config, DoubleSupplier random) {
        this(config.initialBackoff(), config.maxBackoff(), config.jitter(), config.retryFor(), random);
    }

    public Backoff(Duration initial, Duration max, double jitter, Duration retryFor, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.jitter = Math.max(0, Math.min(1, jitter));
        this.retryFor = retryFor;
        this.random = random;
    }

    /** The delay before the next attempt, after {@code attempts} failed ones (1 or more). */
    public Duration delay(int attempts) {
        double base = initial.toMillis() * Math.pow(2, Math.min(Math.max(attempts, 1) - 1, 40));
        double capped = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }

    /** The time of the next attempt, or null when the delivery has been retried long enough. */
    public Instant next(Instant firstQueued, int attempts, Instant now) {
        Instant next = now.plus(delay(attempts));
        return next.isAfter(firstQueued.plus(retryFor)) ? null : next;
    }
}
