package fr.gouv.ti.funding.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.funding.domain.ProjectionRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the axis of each measure code (ti.measure.v1 catalogue.published / measure.retired) for the aggregates by
 * axis. A catalogue never overwrites a newer one; other event types are ignored.
 */
@ApplicationScoped
public class MeasureEventsConsumer {

    private final EventInbox inbox;
    private final ObjectMapper json;
    private final ProjectionRepository repo;

    public MeasureEventsConsumer(EventInbox inbox, ObjectMapper json, ProjectionRepository repo) {
        this.inbox = inbox;
        this.json = json;
        this.repo = repo;
    }

    @Incoming("measure-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.handle(record, this::apply);
    }

    void apply(IncomingEvent event) {
        String name = event.name();
        if (!name.equals("catalogue.published") && !name.equals("measure.retired")) {
            return;
        }
        JsonNode d = event.json(json);
        if (name.equals("measure.retired")) {
            if (d.hasNonNull("code")) {
                repo.retireMeasure(d.get("code").asText());
            }
            return;
        }
        int version = d.path("version").asInt(0);
        for (JsonNode m : d.path("measures")) {
            if (m.hasNonNull("code")) {
                repo.upsertMeasure(m.get("code").asText(), text(m, "axis"), text(m, "title"), text(m, "phase"),
                        text(m, "status"), version);
            }
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
