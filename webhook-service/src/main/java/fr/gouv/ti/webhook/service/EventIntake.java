package fr.gouv.ti.webhook.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.webhook.domain.Delivery;
import fr.gouv.ti.webhook.domain.DeliveryRepository;
import fr.gouv.ti.webhook.domain.EventRepository;
import fr.gouv.ti.webhook.domain.StoredEvent;
import fr.gouv.ti.webhook.domain.Subscription;
import fr.gouv.ti.webhook.domain.SubscriptionRepository;
import fr.gouv.ti.webhook.domain.Visibility;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * What happens to the events of one poll, inside the inbox's transaction (so with their {@code ce_id}s): each is
 * stored for replay, the facts visibility needs are updated (a territory's region, a fiche-action's contract, the
 * operators party to a contract), and a delivery is queued for every enabled subscription that wants it and whose
 * owner may read it. A redelivered event is left out by the inbox; a second delivery of the same event to the same
 * subscription is refused by the queue.
 */
@ApplicationScoped
public class EventIntake {

    private final EventRepository events;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final ObjectMapper mapper;
    private final Visibility visibility;

    public EventIntake(EventRepository events, SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                       ObjectMapper mapper) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.visibility = new Visibility(events);
    }

    /** @return the number of deliveries queued */
    public int accept(List<IncomingEvent> batch) {
        List<Subscription> enabled = subscriptions.enabled();
        List<Delivery.New> queued = new ArrayList<>();
        for (IncomingEvent in : batch) {
            StoredEvent e = store(in);
            for (Subscription s : enabled) {
                if (s.wants(e, visibility)) {
                    queued.add(new Delivery.New(s.id(), e.id(), e.aggregateKey()));
                }
            }
        }
        return deliveries.enqueue(queued);
    }

    private StoredEvent store(IncomingEvent in) {
        JsonNode data = in.jsonObject(mapper);
        String phase = text(data, "phase");
        String tiId = text(data, "tiId");
        String region = text(data, "regionCode");
        String contractId = null;
        String operator = null;
        switch (in.topic()) {
            case "ti.territory.v1" -> {
                if (phase != null && tiId != null && region != null) {
                    List<String> regions = new ArrayList<>();
                    data.path("regionCodes").forEach(r -> {
                        if (r.isTextual()) {
                            regions.add(r.asText());
                        }
                    });
                    events.territoryRegion(phase, tiId, region, regions);
                }
            }
            case "ti.contract.v1" -> {
                contractId = text(data, "contractId");
                String actionId = text(data, "actionId");
                if (actionId != null && contractId != null) {
                    events.actionContract(actionId, contractId);
                    for (JsonNode f : data.path("requestedFunding")) {
                        String op = text(f, "operator");
                        if (op != null) {
                            events.party(contractId, op);
                        }
                    }
                }
            }
            case "ti.funding.v1" -> {
                operator = text(data, "operator");
                String actionId = text(data, "actionId");
                if (actionId != null) {
                    contractId = events.contractOf(actionId).orElse(null);
                    if (contractId != null && operator != null) {
                        events.party(contractId, operator);
                    }
                }
            }
            default -> {
            }
        }
        if (region == null && phase != null && tiId != null) {
            region = events.regionOf(phase, tiId).orElse(null);
        }
        String key = in.topic() + "/" + (in.key() != null ? in.key() : in.subject() != null ? in.subject() : in.id());
        StoredEvent e = new StoredEvent(in.id(), in.type(), in.source(), in.subject(), in.time(), in.correlationId(),
                in.topic(), key, in.data(), phase, tiId, region, contractId, operator, null);
        events.insert(e);
        return e;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
