package fr.gouv.ti.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/** A CloudEvent read from Kafka in binary mode. */
public record IncomingEvent(String id, String type, String source, String subject, String time,
                            String correlationId, String key, String data,
                            String topic, int partition, long offset) {

    public static IncomingEvent of(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEvent.ID);
        String type = header(record, CloudEvent.TYPE);
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new PoisonEventException("record " + record.topic() + "/" + record.partition() + "@" + record.offset()
                    + " is not a CloudEvent: ce_id and ce_type headers are required");
        }
        if (record.value() == null) {
            throw new PoisonEventException("event " + id + " has no data");
        }
        return new IncomingEvent(id, type, header(record, CloudEvent.SOURCE), header(record, CloudEvent.SUBJECT),
                header(record, CloudEvent.TIME), header(record, CloudEvent.CORRELATION_ID), record.key(),
                record.value(), record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The data as a JSON tree; data that is not JSON can never be handled, so it is a poison event. */
    public JsonNode json(ObjectMapper mapper) {
        try {
            return mapper.readTree(data);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("event " + id + " data is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The data as a JSON object (snapshots always are); anything else is a poison event. */
    public JsonNode jsonObject(ObjectMapper mapper) {
        JsonNode node = json(mapper);
        if (node == null || !node.isObject()) {
            throw new PoisonEventException("event " + id + " data is not a JSON object");
        }
        return node;
    }

    /** {@code fr.gouv.ti.contract.signed.v1} → {@code contract.signed}. */
    public String name() {
        String t = type.startsWith(CloudEvent.TYPE_PREFIX) ? type.substring(CloudEvent.TYPE_PREFIX.length()) : type;
        int v = t.lastIndexOf(".v");
        return v > 0 ? t.substring(0, v) : t;
    }
}
