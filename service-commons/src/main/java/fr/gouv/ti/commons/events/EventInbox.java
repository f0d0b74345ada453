package fr.gouv.ti.commons.events;

import fr.gouv.ti.commons.correlation.Correlation;
import fr.gouv.ti.commons.problem.ProblemMappers;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Idempotent consumption: the event id is recorded in the same transaction as the handler's side effect, so a
 * redelivered event changes nothing. A handler that keeps failing is retried a bounded number of times, then the
 * exception reaches SmallRye, whose {@code dead-letter-queue} failure strategy moves the record aside and lets the
 * partition go on.
 * <p>
 * {@link #handleBatch} does the same for a whole poll in one transaction, for the channels whose events are snapshots
 * and arrive by the thousand (funding totals): one multi-row insert of the event ids, one call of the handler with the
 * new events. It never throws for a bad record, since a batch method that throws gets its whole poll dead-lettered;
 * it moves that record to the dead-letter topic itself ({@link DeadLetters}).
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final AgroalDataSource dataSource;
    private final EventsConfig config;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;

    public EventInbox(AgroalDataSource dataSource, EventsConfig config, MeterRegistry registry,
                      DeadLetters deadLetters) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.deadLetters = deadLetters;
    }

    /**
     * Handles the records of one poll of {@code channel} in one transaction: their event ids are recorded with one
     * insert, and the handler gets, in record order, only the events not handled before (a redelivered event, or a
     * second copy in the same poll, is left out). Records that are not CloudEvents go to the channel's dead-letter
     * topic. If the transaction fails (a record the handler rejects, a conflict), every record is handled again
     * on its own with {@link #handle}, its retries, and the dead-letter topic for the one that keeps failing.
     *
     * @return the number of events handed to the handler
     */
    public int handleBatch(String channel, Iterable<ConsumerRecord<String, String>> records,
                           Consumer<List<IncomingEvent>> handler) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>();
        Map<ConsumerRecord<String, String>, RuntimeException> dead = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(IncomingEvent.of(record));
                readable.add(record);
            } catch (PoisonEventException e) {
                deadLettered(record.topic(), e);
                dead.put(record, e);
            }
        }
        int applied = 0;
        if (!events.isEmpty()) {
            Correlation.set("events:" + events.get(0).id(), null);
            try {
                applied = QuarkusTransaction.requiringNew().call(() -> {
                    List<IncomingEvent> fresh = markProcessed(events);
                    if (!fresh.isEmpty()) {
                        handler.accept(fresh);
                    }
                    return fresh.size();
                });
            } catch (RuntimeException e) {
                // nothing of the poll was written: find the culprit by handling the records one at a time
                LOG.warnf("batch of %d events from %s failed (%s); handling them one by one", events.size(), channel,
                        e.getMessage());
                registry.counter("ti.consumer.batch.fallback", "channel", channel).increment();
                applied = oneByOne(readable, handler, dead);
            } finally {
                Correlation.clear();
            }
        }
        // after the good records are applied: if the dead-letter topic cannot be reached, the exception makes the
        // connector dead-letter the whole poll, whose applied events a replay would find already handled
        dead.forEach((record, reason) -> deadLetters.publish(channel, record, reason));
        return applied;
    }

    private int oneByOne(List<ConsumerRecord<String, String>> records, Consumer<List<IncomingEvent>> handler,
                         Map<ConsumerRecord<String, String>, RuntimeException> dead) {
        int applied = 0;
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (handle(record, event -> handler.accept(List.of(event)))) {
                    applied++;
                }
            } catch (RuntimeException e) {
                dead.put(record, e); // handle() has counted it
            }
        }
        return applied;
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
            int outageWaits = 0;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    return QuarkusTransaction.requiringNew().call(() -> {
                        if (markProcessed(List.of(event)).isEmpty()) {
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
                    if (ProblemMappers.isDatabaseUnavailable(e)) {
                        // the event is fine, the database is not: dead-lettering it would lose it for the
                        // projections; wait for the database (the record stays uncommitted in the meantime)
                        awaitDatabase(event, ++outageWaits);
                        attempt--; // an outage does not use up the attempts a failing event gets
                        continue;
                    }
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

    /** Records the ids of the events with one statement; returns the events whose id was new, first copies only. */
    private List<IncomingEvent> markProcessed(List<IncomingEvent> events) {
        Map<String, IncomingEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.id(), e));
        int n = unique.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        int i = 0;
        for (IncomingEvent e : unique.values()) {
            ids[i] = e.id();
            types[i] = e.type();
            sources[i] = e.source();
            topics[i] = e.topic();
            partitions[i] = e.partition();
            offsets[i] = e.offset();
            i++;
        }
        Set<String> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into processed_event (event_id, event_type, source, topic, kafka_partition, kafka_offset)
                     select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::int8[])
                     on conflict (event_id) do nothing
                     returning event_id""")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.setArray(2, c.createArrayOf("text", types));
            ps.setArray(3, c.createArrayOf("text", sources));
            ps.setArray(4, c.createArrayOf("text", topics));
            ps.setArray(5, c.createArrayOf("int4", partitions));
            ps.setArray(6, c.createArrayOf("int8", offsets));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + n + " processed events", e);
        }
        if (inserted.size() < events.size()) {
            LOG.debugf("%d of %d events already handled", events.size() - inserted.size(), events.size());
        }
        return unique.values().stream().filter(e -> inserted.contains(e.id())).toList();
    }

    private void deadLettered(String topic, Throwable cause) {
        registry.counter("ti.consumer.dead.lettered", "topic", topic).increment();
        LOG.errorf("record of %s sent to the dead-letter topic: %s", topic, cause == null ? "?" : cause.getMessage());
    }

    /** One wait of a database outage, backing off up to 5 s. */
    private void awaitDatabase(IncomingEvent event, int waits) {
        if (waits == 1 || waits % 20 == 0) {
            LOG.warnf("database unavailable while handling event %s (%s): waiting for it (wait %d)", event.id(),
                    event.type(), waits);
        }
        sleep(Math.min(5_000, config.consumer().retryBackoff().toMillis() * Math.min(25, waits)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
