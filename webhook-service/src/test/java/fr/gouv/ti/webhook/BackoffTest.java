package fr.gouv.ti.webhook;

import fr.gouv.ti.webhook.service.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Exponential back-off with jitter, retried for more than 24 hours, then given up. */
class BackoffTest {

    private static final Duration RETRY_FOR = Duration.ofHours(26);

    @Test
    void delaysDoubleUpToTheCapWithoutJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), 0, RETRY_FOR, () -> 0.5);
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.delay(11)).isEqualTo(Duration.ofHours(1));
        assertThat(b.delay(500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterStaysWithinItsBoundsAndSpreadsTheRetries() {
        Random r = new Random(42);
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), 0.2, RETRY_FOR, r::nextDouble);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long d = b.delay(3).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isGreaterThanOrEqualTo(16_000);
        assertThat(max).isLessThanOrEqualTo(24_000);
        assertThat(max - min).isGreaterThan(4_000);
    }

    @Test
    void aFailingDeliveryIsRetriedForMoreThan24HoursThenGivenUp() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), 0.2, RETRY_FOR, new Random(7)::nextDouble);
        Instant first = Instant.parse("2026-12-01T00:00:00Z");
        Instant now = first;
        int attempts = 1;
        Instant next;
        while ((next = b.next(first, attempts, now)) != null) {
            assertThat(next).isAfter(now);
            now = next;
            attempts++;
        }
        assertThat(Duration.between(first, now)).isGreaterThan(Duration.ofHours(24)).isLessThanOrEqualTo(RETRY_FOR);
        assertThat(attempts).isBetween(25, 45);
    }
}
