package fr.gouv.ti.contract.messaging;

import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.contract.service.ProjectionUpdater;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes the territory-events channel idempotently into the local projections. */
@ApplicationScoped
public class TerritoryEventsConsumer {

    private final EventInbox inbox;
    private final ProjectionUpdater projections;

    public TerritoryEventsConsumer(EventInbox inbox, ProjectionUpdater projections) {
        this.inbox = inbox;
        this.projections = projections;
    }

    @Incoming("territory-events")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        inbox.handle(record, projections::onTerritoryEvent);
    }
}
