package fr.gouv.ti.territory.messaging;

import fr.gouv.ti.commons.events.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Contract and funding events feed the territory summaries (idempotently, through the inbox). Funding events come
 * by the thousand per second under load and each is a snapshot of its territory's totals, so they are read a poll at
 * a time ({@code batch=true}) and applied in one transaction; contract events stay one transaction each.
 */
@ApplicationScoped
public class ProgrammeEventsConsumer {

    static final String FUNDING_EVENTS = "funding-events";

    private final EventInbox inbox;
    private final TerritorySummaryProjection projection;

    public ProgrammeEventsConsumer(EventInbox inbox, TerritorySummaryProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @Incoming("contract-events")
    @Blocking
    public void onContractEvent(ConsumerRecord<String, String> record) {
        inbox.handle(record, projection::apply);
    }

    /** Never throws for a bad record: the connector would dead-letter the whole poll (see EventInbox). */
    @Incoming(FUNDING_EVENTS)
    @Blocking
    public void onFundingEvents(ConsumerRecords<String, String> records) {
        inbox.handleBatch(FUNDING_EVENTS, records, projection::applyFunding);
    }
}
