package fr.gouv.ti.webhook.messaging;

import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.webhook.service.Dispatcher;
import fr.gouv.ti.webhook.service.EventIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the four topics a poll at a time through the library's inbox (the {@code ce_id}s stored in the same
 * transaction as the queued deliveries, so a redelivered record queues nothing twice), then wakes the dispatcher.
 * Never throws for a bad record: the inbox moves it to the dead-letter topic itself.
 */
@ApplicationScoped
public class ProgrammeEventsConsumer {

    private final EventInbox inbox;
    private final EventIntake intake;
    private final Dispatcher dispatcher;

    public ProgrammeEventsConsumer(EventInbox inbox, EventIntake intake, Dispatcher dispatcher) {
        this.inbox = inbox;
        this.intake = intake;
        this.dispatcher = dispatcher;
    }

    @Incoming("territory-events")
    @Blocking
    public void territory(ConsumerRecords<String, String> records) {
        handle("territory-events", records);
    }

    @Incoming("measure-events")
    @Blocking
    public void measure(ConsumerRecords<String, String> records) {
        handle("measure-events", records);
    }

    @Incoming("contract-events")
    @Blocking
    public void contract(ConsumerRecords<String, String> records) {
        handle("contract-events", records);
    }

    @Incoming("funding-events")
    @Blocking
    public void funding(ConsumerRecords<String, String> records) {
        handle("funding-events", records);
    }

    private void handle(String channel, ConsumerRecords<String, String> records) {
        if (inbox.handleBatch(channel, records, intake::accept) > 0) {
            dispatcher.wake();
        }
    }
}
