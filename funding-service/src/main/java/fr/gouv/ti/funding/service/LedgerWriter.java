package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.problem.ProblemMappers;
import fr.gouv.ti.funding.config.LedgerWriterConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for the ledger's hot paths (commitments, disbursements). Requests are validated on their own thread
 * and queued; one writer thread per instance takes whatever queued while it was posting the previous batch (up to
 * a cap, with no fixed wait: an idle writer posts a lone request at once) and posts it in one transaction per kind
 * of movement. Each request gets its own answer. A batch that fails on something unexpected is posted again item
 * by item, so that one item cannot fail its neighbours. Several instances stay correct on one database: the batch
 * takes the same row locks, in the same global order, as a single request.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class);

    private record Pending(LedgerRequest request, CompletableFuture<Object> answer) {
    }

    private final MovementBatch batch;
    private final LedgerWriterConfig config;
    private final BlockingQueue<Pending> queue;
    private final DistributionSummary batchSizes;
    private volatile boolean running;
    private Thread thread;

    public LedgerWriter(MovementBatch batch, LedgerWriterConfig config, MeterRegistry registry) {
        this.batch = batch;
        this.config = config;
        this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
        this.batchSizes = DistributionSummary.builder("ti.ledger.batch.size")
                .description("Movements posted per ledger transaction").publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void onStart(@Observes StartupEvent ev) {
        start();
    }

    void onStop(@Observes ShutdownEvent ev) throws InterruptedException {
        stop();
    }

    /** Starts the writer thread (at start-up; public for tests that run several writers, as several instances). */
    public void start() {
        running = true;
        thread = new Thread(this::run, "ledger-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking requests, lets the current batch finish, and answers those still queued with 503. */
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(config.timeout().toMillis());
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().complete(unavailable("The service is stopping; retry with the same "
                + "Idempotency-Key.")));
    }

    /** Posts the movement with the next batch; returns its response or throws its problem. */
    public Response submit(LedgerRequest request) {
        Pending p = new Pending(request, new CompletableFuture<>());
        if (!running || !queue.offer(p)) {
            throw unavailable("The ledger is busy; retry with the same Idempotency-Key.");
        }
        Object answer;
        try {
            answer = p.answer().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unavailable("The ledger did not answer in time; retry with the same Idempotency-Key to learn "
                    + "whether the movement was posted.");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted; retry with the same Idempotency-Key.");
        }
        if (answer instanceof RuntimeException r) {
            throw r;
        }
        return (Response) answer;
    }

    private void run() {
        List<Pending> drained = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                drained.clear();
                drained.add(first);
                queue.drainTo(drained, config.maxBatch() - 1);
                // one transaction per kind: each kind takes its locks in the global order on its own
                List<Pending> commitments = new ArrayList<>();
                List<Pending> disbursements = new ArrayList<>();
                for (Pending p : drained) {
                    (p.request().movement() instanceof Movement.Commitment ? commitments : disbursements).add(p);
                }
                post(commitments);
                post(disbursements);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("ledger writer loop failed; going on", e);
            }
        }
    }

    private void post(List<Pending> items) {
        if (items.isEmpty()) {
            return;
        }
        try {
            List<Object> answers = QuarkusTransaction.requiringNew()
                    .call(() -> batch.post(items.stream().map(Pending::request).toList()));
            batchSizes.record(items.size());
            for (int i = 0; i < items.size(); i++) {
                items.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException e) {
            if (items.size() == 1 || ProblemMappers.isDatabaseUnavailable(e)) {
                items.forEach(p -> p.answer().complete(e));
                return;
            }
            LOG.warnf("batch of %d movements failed (%s); posting them one by one", items.size(), e.toString());
            items.forEach(p -> post(List.of(p)));
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "unavailable", "Service temporarily unavailable", detail)
                .withHeader("Retry-After", "1");
    }
}
