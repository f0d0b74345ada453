package fr.gouv.ti.commons.events;

import fr.gouv.ti.commons.correlation.Correlation;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Idempotent consumption: the event id is recorded in the same transaction as the handler's side effect, so a
 * redelivered event changes nothing. A handler that keeps failing is retried a bounded number of times, then the
 * exception reaches SmallRye, whose {@code dead-letter-queue} failure strategy moves the record aside and lets the
 * partition go on.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final AgroalDataSource dataSource;
    private final EventsConfig config;
    private final MeterRegistry registry;

    public EventInbox(AgroalDataSource dataSource, EventsConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
    }

    /** @return true when the handler ran, false when the event had already been handled */
    public boolean handle(ConsumerRecord<String, String> record, Consumer<IncomingEvent> handler) {
        IncomingEvent event;
        try {
            event = IncomingEvent.of(record);
        } catch (PoisonEventException e) {
            deadLettered(record.topic(), e);
            throw e;
        }
        Correlation.set(event.correlationId() != null ? event.correlationId() : "event:" + event.id(), null);
        try {
            RuntimeException last = null;
            int attempts = Math.max(1, config.consumer().maxAttempts());
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    return QuarkusTransaction.requiringNew().call(() -> {
                        if (!markProcessed(event)) {
                            LOG.debugf("event %s (%s) already handled", event.id(), event.type());
                            return false;
                        }
                        handler.accept(event);
                        return true;
                    });
                } catch (PoisonEventException e) {
                    last = e;
                    break;
                } catch (RuntimeException e) {
                    last = e;
                    LOG.warnf("event %s (%s) failed, attempt %d/%d: %s", event.id(), event.type(), attempt, attempts,
                            e.getMessage());
                    if (attempt < attempts) {
                        sleep(config.consumer().retryBackoff().toMillis() * attempt);
                    }
                }
            }
            deadLettered(record.topic(), last);
            throw last;
        } finally {
            Correlation.clear();
        }
    }

    private boolean markProcessed(IncomingEvent event) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into processed_event (event_id, event_type, source, topic, kafka_partition, kafka_offset)
                     values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""")) {
            ps.setString(1, event.id());
            ps.setString(2, event.type());
            ps.setString(3, event.source());
            ps.setString(4, event.topic());
            ps.setInt(5, event.partition());
            ps.setLong(6, event.offset());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record processed event " + event.id(), e);
        }
    }

    private void deadLettered(String topic, Throwable cause) {
        registry.counter("ti.consumer.dead.lettered", "topic", topic).increment();
        LOG.errorf("record of %s sent to the dead-letter topic: %s", topic, cause == null ? "?" : cause.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
