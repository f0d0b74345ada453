package fr.gouv.ti.contract.messaging;

import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.contract.service.ActionFundingProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the funding-events channel idempotently into the fiches-actions. Funding events come by the thousand per
 * second under load and each is a snapshot of its action's totals, so they are read a poll at a time
 * ({@code batch=true}) and applied in one transaction.
 */
@ApplicationScoped
public class FundingEventsConsumer {

    static final String CHANNEL = "funding-events";

    private final EventInbox inbox;
    private final ActionFundingProjection projection;

    public FundingEventsConsumer(EventInbox inbox, ActionFundingProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    /** Never throws for a bad record: the connector would dead-letter the whole poll (see EventInbox). */
    @Incoming(CHANNEL)
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        inbox.handleBatch(CHANNEL, records, projection::apply);
    }
}
