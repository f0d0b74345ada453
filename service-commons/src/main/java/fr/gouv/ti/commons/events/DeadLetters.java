package fr.gouv.ti.commons.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves one record of a batch consumer to its channel's dead-letter topic. SmallRye's {@code dead-letter-queue}
 * failure strategy works on whatever message is nacked, and for a channel with {@code batch=true} that message is the
 * whole poll: a batch method that throws sends every record of the poll to the dead-letter topic, the good ones
 * included. So batch consumers return normally and move their few bad records here themselves, in the connector's
 * own format (the original headers, then {@code dead-letter-reason}, {@code dead-letter-topic}...), so that whoever
 * reads {@code ti.<service>.dlq} sees one format whatever the channel.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> kafkaConfig;
    private final Config config;
    private volatile Producer<String, String> producer;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Config config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    /** The topic the connector itself would use for this channel, so that it is configured in one place. */
    public String topicOf(String channel) {
        return config.getOptionalValue("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", String.class)
                .orElse("dead-letter-topic-" + channel);
    }

    /**
     * Publishes and waits for the broker's acknowledgement: the caller acknowledges the poll right after, and a
     * record must not be committed past before it is safe on the dead-letter topic.
     */
    public void publish(String channel, ConsumerRecord<String, String> record, Throwable reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(topicOf(channel), record.key(), record.value());
        // original headers first: lastHeader("dead-letter-reason") then gives this failure even for a record that
        // was dead-lettered before and replayed
        record.headers().forEach(h -> dead.headers().add(h));
        header(dead, "dead-letter-exception-class-name", reason.getClass().getName());
        header(dead, "dead-letter-reason", message(reason));
        if (reason.getCause() != null) {
            header(dead, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
            header(dead, "dead-letter-cause", message(reason.getCause()));
        }
        header(dead, "dead-letter-topic", record.topic());
        header(dead, "dead-letter-partition", Integer.toString(record.partition()));
        header(dead, "dead-letter-offset", Long.toString(record.offset()));
        try {
            producer().send(dead).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + where(record), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter " + where(record) + " to " + dead.topic(), e);
        }
    }

    /** Created on first use: most polls have nothing to dead-letter, and most services never batch. */
    private Producer<String, String> producer() {
        Producer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                p = producer;
                if (p == null) {
                    Map<String, Object> props = new HashMap<>(kafkaConfig);
                    props.keySet().removeIf(k -> k.endsWith(".deserializer") || k.equals("group.id"));
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters-"
                            + config.getOptionalValue("quarkus.application.name", String.class).orElse("app"));
                    p = new KafkaProducer<>(props);
                    producer = p;
                }
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        Producer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getName();
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }
}
