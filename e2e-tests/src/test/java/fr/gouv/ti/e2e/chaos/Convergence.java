package fr.gouv.ti.e2e.chaos;

import org.awaitility.Awaitility;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the events stand, read from the services' own tables: the outbox of each producer, the processed events of
 * each consumer. Every event a producer wrote must have been sent, and received by every consumer of its topic.
 */
final class Convergence {

    /** Producer database of each topic, and the databases of its consumers. */
    static final Map<String, List<String>> CONSUMERS = new LinkedHashMap<>();
    static final Map<String, String> PRODUCER = Map.of("ti.territory.v1", "territory", "ti.contract.v1", "contract",
            "ti.measure.v1", "measure", "ti.funding.v1", "funding");

    static {
        CONSUMERS.put("ti.territory.v1", List.of("contract", "funding", "webhook"));
        CONSUMERS.put("ti.contract.v1", List.of("funding", "territory", "webhook"));
        CONSUMERS.put("ti.measure.v1", List.of("contract", "funding", "webhook"));
        CONSUMERS.put("ti.funding.v1", List.of("contract", "territory", "webhook"));
    }

    private Convergence() {
    }

    /** Events still in an outbox, not yet acknowledged by the broker. */
    static long unsent() throws SQLException {
        long n = 0;
        for (String db : PRODUCER.values()) {
            n += Sql.count(db, "select count(*) from outbox_event where sent_at is null");
        }
        return n;
    }

    /** Per topic and consumer: the events written to the outbox that the consumer has not processed. */
    static Map<String, Set<String>> missing() throws SQLException {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (var e : CONSUMERS.entrySet()) {
            Set<String> written = Sql.strings(PRODUCER.get(e.getKey()), "select id::text from outbox_event where topic = ?", e.getKey());
            for (String consumer : e.getValue()) {
                Set<String> processed = Sql.strings(consumer, "select event_id from processed_event where topic = ?", e.getKey());
                Set<String> lost = new HashSet<>(written);
                lost.removeAll(processed);
                if (!lost.isEmpty()) {
                    missing.put(e.getKey() + " -> " + consumer, lost);
                }
            }
        }
        return missing;
    }

    /** Waits until every outbox is empty and every consumer has every event; returns how long it took. */
    static Duration await(Duration atMost) {
        long t0 = System.nanoTime();
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> unsent() == 0 && missing().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the audit reports what is missing
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** After the broker's restart: the first event any outbox had acknowledged since then. */
    static void awaitPublishedSince(long restartedAtNanos, Duration atMost) {
        Instant since = Instant.now().minusNanos(System.nanoTime() - restartedAtNanos);
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            for (String db : PRODUCER.values()) {
                if (Sql.count(db, "select count(*) from outbox_event where sent_at > ?", Timestamp.from(since)) > 0) {
                    return true;
                }
            }
            return false;
        });
    }
}
