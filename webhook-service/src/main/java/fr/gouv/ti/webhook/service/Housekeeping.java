package fr.gouv.ti.webhook.service;

import fr.gouv.ti.webhook.config.WebhookConfig;
import fr.gouv.ti.webhook.domain.EventRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Events past their retention, and their finished deliveries, are purged once an hour. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final EventRepository events;
    private final WebhookConfig config;

    public Housekeeping(EventRepository events, WebhookConfig config) {
        this.events = events;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        int n = events.purge(Instant.now().minus(config.eventRetention()));
        if (n > 0) {
            LOG.infof("purged %d events older than %s", n, config.eventRetention());
        }
    }
}
