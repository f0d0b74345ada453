package fr.gouv.ti.gateway.access;

import fr.gouv.ti.gateway.config.GatewayConfig;
import fr.gouv.ti.gateway.edge.EdgeHandler;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One line per request the gateway answers: time, client address, request line, status, bytes, milliseconds, correlation
 * id and the client it authenticated. The event loop only appends the line to a lock-free queue; a background thread
 * writes what queued every 20 ms as log records of at most 256 lines (to the log category {@code access}, so the rotating, size-bounded
 * file handler of the app takes it). Quarkus' own access log wrote and woke a thread per request: a write and two
 * futex calls of the gateway's six syscalls per proxied request, 20 % of its throughput.
 *
 * <p>Bounded: past {@code ti.gateway.access-log.max-queued} lines waiting (a disk that stalls), lines are counted
 * as dropped instead of growing the heap, and the count is logged.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("access");
    private static final int ORDER = -1_000;
    /*
     * Lines that wait long enough to outlive a young collection are copied into the old generation of the gateway's
     * small heap and, at 16,000 requests a second, filled it in seconds: full collections of 20-30 ms were the p99.
     * 20 ms keeps the waiting lines young; records of 256 lines keep each batch far below the young generation.
     */
    private static final long FLUSH_MILLIS = 20;
    private static final int LINES_PER_RECORD = 256;

    private final boolean enabled;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<Line> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean running = true;
    private Thread writer;

    public AccessLog(GatewayConfig config) {
        this.enabled = config.accessLog().enabled();
        this.maxQueued = config.accessLog().maxQueued();
    }

    void start(@Observes StartupEvent ev, Router router) {
        if (!enabled) {
            return;
        }
        router.route().order(ORDER).handler(this::record);
        writer = new Thread(this::drainLoop, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
        drain();
    }

    private void record(RoutingContext ctx) {
        long start = System.nanoTime();
        HttpServerRequest request = ctx.request();
        ctx.addEndHandler(ar -> {
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                dropped.incrementAndGet();
                return;
            }
            GatewayCaller caller = ctx.get(EdgeHandler.CALLER_KEY);
            String cid = ctx.get(EdgeHandler.CORRELATION_KEY);
            queue.offer(new Line(System.currentTimeMillis(), (request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress()) + " \""
                    + request.method() + ' ' + request.uri() + ' ' + version(request) + "\" "
                    + ctx.response().getStatusCode() + ' ' + bodyBytes(ctx) + ' '
                    + (System.nanoTime() - start) / 1_000_000 + " ms cid=" + (cid == null ? "-" : cid)
                    + " client=" + (caller == null ? "-" : caller.clientId())));
        });
        ctx.next();
    }

    /** A proxied body is piped through: its declared length when it has one, else what was counted. */
    private static String bodyBytes(RoutingContext ctx) {
        String length = ctx.response().headers().get("Content-Length");
        return length != null ? length : String.valueOf(ctx.response().bytesWritten());
    }

    private static String version(HttpServerRequest request) {
        return switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }

    /** The time is formatted by the writer, not on the event loop. */
    private record Line(long endedAt, String text) {
    }

    private void drainLoop() {
        while (running) {
            try {
                Thread.sleep(FLUSH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            drain();
        }
    }

    private synchronized void drain() {
        StringBuilder batch = new StringBuilder(LINES_PER_RECORD * 160);
        int n = 0;
        for (Line line; (line = queue.poll()) != null; ) {
            if (n > 0) {
                batch.append('\n');
            }
            batch.append(Instant.ofEpochMilli(line.endedAt)).append(' ').append(line.text);
            if (++n == LINES_PER_RECORD) {
                write(batch, n);
                n = 0;
            }
        }
        write(batch, n);
        int lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warnf("%d access log lines dropped: the log could not keep up", lost);
        }
    }

    private void write(StringBuilder batch, int lines) {
        if (lines > 0) {
            queued.addAndGet(-lines);
            LOG.info(batch.toString());
            batch.setLength(0);
        }
    }
}
