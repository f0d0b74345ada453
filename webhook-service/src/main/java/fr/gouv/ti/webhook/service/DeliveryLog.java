package fr.gouv.ti.webhook.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.webhook.domain.Delivery;
import fr.gouv.ti.webhook.domain.DeliveryRepository;
import fr.gouv.ti.webhook.domain.EventRepository;
import fr.gouv.ti.webhook.domain.StoredEvent;
import fr.gouv.ti.webhook.domain.Subscription;
import fr.gouv.ti.webhook.domain.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The deliveries of a subscription (with their attempts) and their replay. */
@ApplicationScoped
public class DeliveryLog {

    private static final Set<String> STATUSES = Set.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED);
    private static final int REPLAY_PAGE = 500;

    private final SubscriptionService subscriptions;
    private final DeliveryRepository deliveries;
    private final EventRepository events;
    private final AuditLog audit;
    private final Visibility visibility;
    private final Dispatcher dispatcher;

    public DeliveryLog(SubscriptionService subscriptions, DeliveryRepository deliveries, EventRepository events,
                       AuditLog audit, Dispatcher dispatcher) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.events = events;
        this.audit = audit;
        this.dispatcher = dispatcher;
        this.visibility = new Visibility(events);
    }

    /** Newest first; {@code beforeId} is the cursor (the last id of the previous page). */
    public List<Delivery> page(Caller caller, UUID subscriptionId, String status, long beforeId, int limit) {
        subscriptions.get(caller, subscriptionId);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("status must be PENDING, DELIVERED or FAILED",
                    new Problem.FieldError("status", "must be PENDING, DELIVERED or FAILED"));
        }
        return deliveries.page(subscriptionId, status, beforeId <= 0 ? Long.MAX_VALUE : beforeId, limit);
    }

    public Delivery get(Caller caller, UUID subscriptionId, long deliveryId) {
        subscriptions.get(caller, subscriptionId);
        return deliveries.find(subscriptionId, deliveryId).orElseThrow(() -> ProblemException.notFound(
                "No delivery " + deliveryId + " in subscription " + subscriptionId + "."));
    }

    public List<Delivery.Attempt> attempts(Delivery d) {
        return deliveries.attempts(d.id());
    }

    /** The same event again, as a new delivery with the same webhook-id (a receiver that has it ignores it). */
    @Transactional
    public long replay(Caller caller, UUID subscriptionId, long deliveryId) {
        get(caller, subscriptionId, deliveryId);
        long id = deliveries.replay(deliveryId);
        audit.record(caller, "webhook.replay", "delivery", Long.toString(deliveryId), null);
        dispatcher.wake();
        return id;
    }

    /** Every stored event received since {@code since} that the subscription wants and its owner may read. */
    @Transactional
    public int replaySince(Caller caller, UUID subscriptionId, Instant since) {
        Subscription s = subscriptions.get(caller, subscriptionId);
        if (since == null) {
            throw ProblemException.badRequest("since is required", new Problem.FieldError("since", "is required"));
        }
        if (since.isAfter(Instant.now())) {
            throw ProblemException.validation("since is in the future",
                    List.of(new Problem.FieldError("since", "must not be in the future")));
        }
        int queued = 0;
        long after = 0;
        while (true) {
            List<EventRepository.Positioned> page = events.since(since, after, REPLAY_PAGE);
            if (page.isEmpty()) {
                break;
            }
            List<StoredEvent> wanted = new ArrayList<>();
            for (EventRepository.Positioned p : page) {
                if (s.wants(p.event(), visibility)) {
                    wanted.add(p.event());
                }
            }
            queued += deliveries.replayEvents(subscriptionId, wanted);
            after = page.get(page.size() - 1).position();
        }
        audit.record(caller, "webhook.replay-since", "subscription", subscriptionId.toString(), null);
        dispatcher.wake();
        return queued;
    }
}
