package fr.gouv.ti.commons.outbox;

import fr.gouv.ti.commons.events.CloudEvent;
import fr.gouv.ti.commons.events.EventsConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode), in commit order, and marks them sent.
 * <ul>
 * <li>Wakes on PostgreSQL NOTIFY (sent by an insert trigger at commit), with a slow poll as a safety net.</li>
 * <li>One relay at a time per database (transaction-scoped advisory lock), so several instances of a service never
 * publish the same row concurrently nor out of order.</li>
 * <li>While Kafka is down, rows stay pending and the relay retries with exponential backoff.</li>
 * </ul>
 * Delivery is at least once (a crash between the broker's ack and the commit re-sends a batch); consumers dedupe
 * on {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "ti_outbox";
    private static final long RELAY_LOCK = 0x54495f4f55544258L; // "TI_OUTBX"

    private final AgroalDataSource dataSource;
    private final EventsConfig config;
    private final MeterRegistry registry;
    private final Map<String, Object> kafkaConnection;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;

    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private Connection listener;
    private Timer publishLag;
    private Counter published;

    public OutboxRelay(AgroalDataSource dataSource, EventsConfig config, MeterRegistry registry,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> jdbcUser,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> jdbcPassword) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.kafkaConnection = connectionOf(kafkaConfig);
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser.orElse(null);
        this.jdbcPassword = jdbcPassword.orElse("");
    }

    void onStart(@Observes StartupEvent ev) {
        Gauge.builder("ti.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events not yet published to Kafka").register(registry);
        publishLag = Timer.builder("ti.outbox.publish.lag")
                .description("Time from the commit of an event to its acknowledgement by Kafka")
                .publishPercentiles(0.5, 0.99).register(registry);
        published = Counter.builder("ti.outbox.published").description("Events published").register(registry);
        if (!config.outbox().relayEnabled()) {
            LOG.info("outbox relay disabled");
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeListener();
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    public long backlog() {
        return backlog.get();
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try {
                int sent = publishBatch();
                backoff = 0;
                if (sent < config.outbox().batchSize()) {
                    awaitWork(config.outbox().pollInterval().toMillis());
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                backoff = backoff == 0 ? config.outbox().minBackoff().toMillis()
                        : Math.min(backoff * 2, config.outbox().maxBackoff().toMillis());
                LOG.warnf("outbox relay: %s; retrying in %d ms", rootMessage(e), backoff);
                closeListener();
                sleep(backoff);
            }
        }
    }

    private int publishBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryRelayLock(c)) {
                    c.rollback();
                    refreshBacklog(c);
                    return 0;
                }
                List<Row> rows = claim(c);
                if (!rows.isEmpty()) {
                    send(rows);
                    markSent(c, rows);
                }
                c.commit();
                refreshBacklog(c);
                return rows.size();
            } catch (Exception e) {
                safeRollback(c);
                throw e;
            }
        }
    }

    private boolean tryRelayLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<Row> claim(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select position, id, topic, type, aggregate_id, subject, payload, correlation_id, traceparent, occurred_at
                from outbox_event where sent_at is null order by position limit ? for update skip locked""")) {
            ps.setInt(1, config.outbox().batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return rows;
    }

    /**
     * Sends the claimed rows in position order and waits for every acknowledgement. On any failure the producer is
     * discarded before the rows go back to the outbox: a batch of this attempt still queued in it (one that had not
     * yet expired when an earlier one failed) would otherwise reach the broker after the next attempt's copies of
     * the rows before it, and a consumer keeping the last state per aggregate would apply an older event last (seen
     * in the chaos run: a disbursement's event at an offset before its commitment's, after a kill -9 of the broker).
     */
    /** How long one attempt waits for the broker's acknowledgements (it is down, typically) before giving up. */
    private static final long ACK_WAIT_MINUTES = 5;

    private void send(List<Row> rows) throws Exception {
        KafkaProducer<String, byte[]> p = producer();
        try {
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(p.send(toRecord(row)));
            }
            p.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_WAIT_MINUTES, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            discardProducer(p);
            throw e;
        }
        Instant now = Instant.now();
        for (Row row : rows) {
            publishLag.record(Duration.between(row.occurredAt, now));
        }
        published.increment(rows.size());
    }

    ProducerRecord<String, byte[]> toRecord(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic, row.aggregateId,
                row.payload.getBytes(StandardCharsets.UTF_8));
        header(record, CloudEvent.SPECVERSION, "1.0");
        header(record, CloudEvent.ID, row.id);
        header(record, CloudEvent.SOURCE, config.source());
        header(record, CloudEvent.TYPE, row.type);
        header(record, CloudEvent.TIME, DateTimeFormatter.ISO_INSTANT.format(row.occurredAt));
        header(record, CloudEvent.SUBJECT, row.subject);
        header(record, CloudEvent.CONTENT_TYPE, "application/json");
        header(record, CloudEvent.CORRELATION_ID, row.correlationId);
        header(record, CloudEvent.TRACEPARENT, row.traceparent);
        return record;
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void markSent(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox_event set sent_at = now() where position = any (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(r -> r.position).toArray()));
            ps.executeUpdate();
        }
    }

    private void refreshBacklog(Connection c) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from outbox_event where sent_at is null")) {
            rs.next();
            backlog.set(rs.getLong(1));
            c.commit();
        } catch (SQLException e) {
            LOG.debug("backlog refresh failed", e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeSent() {
        Instant cutoff = Instant.now().minus(config.outbox().retention());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "delete from outbox_event where sent_at is not null and sent_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.infof("purged %d sent outbox events older than %s", n, cutoff);
            }
        } catch (SQLException e) {
            LOG.warn("outbox purge failed: " + e.getMessage());
        }
    }

    /** Blocks until a NOTIFY arrives on the outbox channel or the poll interval ends. */
    private void awaitWork(long timeoutMillis) throws SQLException {
        Connection l = listener();
        if (l != null) {
            PGConnection pg = l.unwrap(PGConnection.class);
            // returns as soon as a notification arrives
            pg.getNotifications((int) Math.max(1, timeoutMillis));
        } else {
            sleep(timeoutMillis);
        }
    }

    private Connection listener() {
        if (listener != null) {
            return listener;
        }
        try {
            Connection c = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            listener = c;
        } catch (SQLException e) {
            LOG.debugf("cannot LISTEN (%s); polling instead", e.getMessage());
        }
        return listener;
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException ignored) {
                // already gone
            }
            listener = null;
        }
    }

    /** Closes without waiting: what it still holds fails at once instead of being sent later. */
    private synchronized void discardProducer(KafkaProducer<String, byte[]> p) {
        try {
            p.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debugf("closing the failed producer: %s", e.getMessage());
        }
        if (producer == p) {
            producer = null;
        }
    }

    /**
     * Where the broker is and how to authenticate to it (bootstrap servers, security protocol, SASL, TLS), as the
     * connector's channels have it; the relay's own delivery settings are set below and never taken from there.
     */
    static Map<String, Object> connectionOf(Map<String, Object> kafkaConfig) {
        Map<String, Object> out = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) || k.startsWith("security.") || k.startsWith("sasl.")
                    || k.startsWith("ssl.")) {
                out.put(k, v);
            }
        });
        return Map.copyOf(out);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(kafkaConnection);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, config.source().replace("/", "") + "-outbox");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            // a batch never expires while the relay waits for it: the idempotent producer then retries the batches
            // of a partition in order until the broker is back; a batch that expired while a later one of the
            // same partition was written would put an older event after a newer one (seen in the chaos run with a
            // 10 s timeout and a broker dead for 13 s)
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(TimeUnit.MINUTES.toMillis(ACK_WAIT_MINUTES + 1)));
            props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    record Row(long position, String id, String topic, String type, String aggregateId, String subject,
               String payload, String correlationId, String traceparent, Instant occurredAt) {
    }
}
