package fr.gouv.ti.funding.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import fr.gouv.ti.funding.domain.ProjectionRepository;
import fr.gouv.ti.funding.domain.ReferenceRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the axis of each measure code (ti.measure.v1 catalogue.published / measure.retired) for the aggregates by
 * axis, and the operator and funding-source codes the ledger accepts (reference.published). A catalogue or a
 * reference snapshot never overwrites a newer one; other event types are ignored.
 */
@ApplicationScoped
public class MeasureEventsConsumer {

    private final EventInbox inbox;
    private final ObjectMapper json;
    private final ProjectionRepository repo;
    private final ReferenceRepository reference;

    public MeasureEventsConsumer(EventInbox inbox, ObjectMapper json, ProjectionRepository repo,
                                 ReferenceRepository reference) {
        this.inbox = inbox;
        this.json = json;
        this.repo = repo;
        this.reference = reference;
    }

    @Incoming("measure-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.handle(record, this::apply);
    }

    void apply(IncomingEvent event) {
        String name = event.name();
        if (name.equals("reference.published")) {
            referencePublished(event, event.json(json));
            return;
        }
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

    private void referencePublished(IncomingEvent event, JsonNode d) {
        if (!d.path("version").canConvertToInt() || !d.path("operators").isArray()
                || !d.path("fundingSources").isArray()) {
            throw new PoisonEventException("reference event " + event.id() + " lacks version, operators or fundingSources");
        }
        List<ReferenceRepository.Code> codes = new ArrayList<>();
        for (JsonNode o : d.get("operators")) {
            String code = text(o, "code");
            if (code == null) {
                throw new PoisonEventException("operator without code in reference event " + event.id());
            }
            codes.add(new ReferenceRepository.Code(ReferenceRepository.OPERATOR, code, code, text(o, "officialName")));
            for (JsonNode alias : o.path("aliases")) {
                codes.add(new ReferenceRepository.Code(ReferenceRepository.OPERATOR, alias.asText(), code, null));
            }
        }
        for (JsonNode f : d.get("fundingSources")) {
            String code = text(f, "code");
            if (code == null) {
                throw new PoisonEventException("funding source without code in reference event " + event.id());
            }
            codes.add(new ReferenceRepository.Code(ReferenceRepository.FUNDING_SOURCE, code, code, text(f, "name")));
        }
        reference.replace(d.get("version").asInt(), codes);
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
