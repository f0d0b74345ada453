package fr.gouv.ti.territory.messaging;

import fr.gouv.ti.commons.events.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Contract and funding events feed the territory summaries (idempotently, through the inbox). */
@ApplicationScoped
public class ProgrammeEventsConsumer {

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

    @Incoming("funding-events")
    @Blocking
    public void onFundingEvent(ConsumerRecord<String, String> record) {
        inbox.handle(record, projection::apply);
    }
}
