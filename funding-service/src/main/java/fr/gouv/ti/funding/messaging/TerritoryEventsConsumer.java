package fr.gouv.ti.funding.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import fr.gouv.ti.funding.domain.KnownTerritory;
import fr.gouv.ti.funding.domain.ProjectionRepository;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the ledger's projection of territories (ti.territory.v1 snapshots): which territories exist, their lead
 * region and every region of their perimeter. Allocations take the region from here, so no caller can place a
 * territory's money in another region. A snapshot never overwrites a newer one; other event types are ignored.
 */
@ApplicationScoped
public class TerritoryEventsConsumer {

    private static final Set<String> SNAPSHOTS = Set.of("territory.labelled", "territory.updated",
            "territory.perimeter-changed", "territory.delabelled");

    private final EventInbox inbox;
    private final ObjectMapper json;
    private final ProjectionRepository repo;

    public TerritoryEventsConsumer(EventInbox inbox, ObjectMapper json, ProjectionRepository repo) {
        this.inbox = inbox;
        this.json = json;
        this.repo = repo;
    }

    @Incoming("territory-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.handle(record, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!SNAPSHOTS.contains(event.name())) {
            return;
        }
        JsonNode d = event.json(json);
        String phase = d.path("phase").asText(null);
        String tiId = d.path("tiId").asText(null);
        String region = d.path("regionCode").asText(null);
        if (phase == null || tiId == null || region == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.name() + ") lacks phase, tiId or regionCode");
        }
        List<String> regions = new ArrayList<>();
        d.path("regionCodes").forEach(r -> {
            if (r.isTextual()) {
                regions.add(r.asText());
            }
        });
        String status = event.name().equals("territory.delabelled") ? "DELABELLED" : d.path("status").asText("LABELLED");
        repo.upsertTerritory(new KnownTerritory(phase, tiId, region, regions, d.path("name").asText(null), status,
                d.path("version").asLong(0)));
    }
}
