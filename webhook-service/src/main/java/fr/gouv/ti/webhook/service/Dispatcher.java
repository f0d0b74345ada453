package fr.gouv.ti.webhook.service;

import fr.gouv.ti.webhook.config.WebhookConfig;
import fr.gouv.ti.webhook.domain.Delivery;
import fr.gouv.ti.webhook.domain.DeliveryRepository;
import fr.gouv.ti.webhook.domain.SubscriptionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes due deliveries from the queue and sends them on a fixed pool of workers. One thread claims (woken at once
 * when events are queued, otherwise every poll interval for the retries that fall due); each claimed delivery is
 * sent, then its attempt, its new state and the subscription's failure count are written in one transaction.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final WebhookConfig.Delivery config;
    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final Sender sender;
    private final Backoff backoff;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore free;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer latency;
    private final MeterRegistry registry;
    private volatile boolean running;
    private ExecutorService workers;
    private Thread claimer;

    public Dispatcher(WebhookConfig config, DeliveryRepository deliveries, SubscriptionRepository subscriptions,
                      Sender sender, MeterRegistry registry) {
        this.config = config.delivery();
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.registry = registry;
        this.backoff = new Backoff(this.config, () -> ThreadLocalRandom.current().nextDouble());
        this.free = new Semaphore(Math.max(1, this.config.workers()));
        this.latency = Timer.builder("ti.webhook.attempt").publishPercentiles(0.5, 0.99).register(registry);
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            LOG.info("webhook delivery is off (ti.webhook.delivery.enabled=false)");
            return;
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), r -> {
            Thread t = new Thread(r, "webhook-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        claimer = new Thread(this::loop, "webhook-dispatcher");
        claimer.setDaemon(true);
        claimer.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wake.release();
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called once events are committed to the queue: claim now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    private void loop() {
        Duration poll = config.pollInterval();
        while (running) {
            try {
                free.acquire();
                int permits = 1 + free.drainPermits();
                List<Delivery.Claimed> claimed = List.of();
                try {
                    claimed = QuarkusTransaction.requiringNew().call(() ->
                            deliveries.claim(Math.min(permits, config.batchSize()), config.lease()));
                } catch (RuntimeException e) {
                    LOG.warnf("cannot claim deliveries: %s", e.getMessage());
                }
                free.release(permits - claimed.size());
                for (Delivery.Claimed c : claimed) {
                    inFlight.incrementAndGet();
                    workers.execute(() -> deliver(c));
                }
                if (claimed.isEmpty()) {
                    wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("dispatcher loop failed; going on", e);
            }
        }
    }

    private void deliver(Delivery.Claimed c) {
        try {
            List<String> secrets = subscriptions.signingSecrets(c.subscriptionId());
            Instant at = Instant.now();
            Sender.Outcome o = sender.send(c.url(), c.event(), secrets);
            latency.record(Duration.ofMillis(o.latencyMs()));
            QuarkusTransaction.requiringNew().run(() -> record(c, at, o));
            if (o.delivered()) {
                registry.counter("ti.webhook.delivered").increment();
                if (c.event().receivedAt() != null) {
                    registry.timer("ti.webhook.received.to.delivered")
                            .record(Duration.between(c.event().receivedAt(), Instant.now()));
                }
            }
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is taken again: at least once
            LOG.errorf(e, "delivery %d could not be recorded", c.id());
        } finally {
            inFlight.decrementAndGet();
            free.release();
            wake.release();
        }
    }

    private void record(Delivery.Claimed c, Instant at, Sender.Outcome o) {
        String outcome = o.delivered() ? "DELIVERED" : o.status() != null ? "HTTP_ERROR"
                : o.error() != null && o.error().startsWith("timeout") ? "TIMEOUT"
                : o.error() != null && o.error().startsWith("target refused") ? "REFUSED" : "NETWORK_ERROR";
        deliveries.attempt(c.id(), at, o.status(), o.latencyMs(), outcome, o.excerpt(), o.error());
        if (o.delivered()) {
            deliveries.delivered(c.id(), o.status());
            subscriptions.recordSuccess(c.subscriptionId());
            return;
        }
        Instant next = backoff.next(c.createdAt(), c.attempts() + 1, Instant.now());
        deliveries.failed(c.id(), o.status(), o.error(), next);
        boolean disabled = subscriptions.recordFailure(c.subscriptionId(), config.disableAfterFailures(),
                config.disableAfter(), "disabled at " + Instant.now() + " after repeated failures; last: " + o.error());
        if (disabled) {
            LOG.warnf("subscription %s disabled after repeated failures (last: %s)", c.subscriptionId(), o.error());
        }
    }

    /** Deliveries being sent right now (for tests and health). */
    public int inFlight() {
        return inFlight.get();
    }
}
