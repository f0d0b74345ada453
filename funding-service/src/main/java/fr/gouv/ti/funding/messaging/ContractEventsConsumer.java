package fr.gouv.ti.funding.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import fr.gouv.ti.funding.domain.FundingAction;
import fr.gouv.ti.funding.domain.ProjectionRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the local projection of fiches-actions (ti.contract.v1 action.created / action.updated): a commitment is
 * accepted only for a fiche-action known here, in its territory and for one of its measures. Snapshots carry the
 * whole state, so an upsert is enough; other event types are ignored.
 */
@ApplicationScoped
public class ContractEventsConsumer {

    private final EventInbox inbox;
    private final ObjectMapper json;
    private final ProjectionRepository repo;

    public ContractEventsConsumer(EventInbox inbox, ObjectMapper json, ProjectionRepository repo) {
        this.inbox = inbox;
        this.json = json;
        this.repo = repo;
    }

    @Incoming("contract-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.handle(record, this::apply);
    }

    void apply(IncomingEvent event) {
        String name = event.name();
        if (!name.equals("action.created") && !name.equals("action.updated")) {
            return;
        }
        JsonNode d = event.json(json);
        String actionId = text(d, "actionId");
        String phase = text(d, "phase");
        String tiId = text(d, "tiId");
        if (actionId == null || phase == null || tiId == null) {
            throw new PoisonEventException("event " + event.id() + " (" + name + ") lacks actionId, phase or tiId");
        }
        List<String> measures = new ArrayList<>();
        d.path("measureCodes").forEach(m -> {
            if (m.isTextual()) {
                measures.add(m.asText());
            }
        });
        repo.upsertAction(new FundingAction(actionId, text(d, "contractId"), phase, tiId, text(d, "regionCode"),
                text(d, "title"), text(d, "axis"), measures, text(d, "status")));
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
