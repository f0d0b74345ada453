package fr.gouv.ti.gateway.edge;

import fr.gouv.ti.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per client (per address for anonymous callers), sized by role. */
@ApplicationScoped
public class RateLimiter {

    private final GatewayConfig config;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private static final long SWEEP_EVERY_NANOS = 10_000_000_000L;

    public RateLimiter(GatewayConfig config) {
        this.config = config;
    }

    public Decision take(GatewayCaller caller) {
        GatewayConfig.RateLimit limit = config.rateLimit().get(caller.role());
        if (limit == null) {
            limit = config.rateLimit().get(GatewayCaller.ANONYMOUS_ROLE);
        }
        GatewayConfig.RateLimit l = limit;
        long now = System.nanoTime();
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_EVERY_NANOS)) {
            evictIdle(now);
        }
        return buckets.computeIfAbsent(caller.role() + ":" + caller.rateLimitKey(),
                k -> new Bucket(l.capacity(), l.refillPerSecond())).take();
    }

    /**
     * Drops the buckets that have refilled completely: such a bucket is the same as no bucket, so memory stays
     * bounded by the clients active in the last few seconds, not by every address ever seen (issue 18, finding 7).
     */
    int evictIdle(long nowNanos) {
        int before = buckets.size();
        buckets.values().removeIf(b -> b.fullAt(nowNanos));
        return before - buckets.size();
    }

    int size() {
        return buckets.size();
    }

    /** Name of the extra bucket of the expensive open-data endpoints (exports, aggregates), taken on top of the role's. */
    public static final String EXPENSIVE = "expensive";

    /** The extra bucket of an expensive request; allowed when none is configured. */
    public Decision takeExpensive(GatewayCaller caller) {
        GatewayConfig.RateLimit l = config.rateLimit().get(EXPENSIVE);
        if (l == null) {
            return new Decision(true, 0, 0, 0, 0);
        }
        return buckets.computeIfAbsent(EXPENSIVE + ":" + caller.rateLimitKey(),
                k -> new Bucket(l.capacity(), l.refillPerSecond())).take();
    }

    /** Exports and aggregates: a query over the whole ledger or registry per request. */
    public static boolean expensive(String path) {
        return path != null && (path.endsWith(".csv") || path.contains("/exports/") || path.endsWith("/aggregates")
                || path.startsWith("/api/v1/reports/"));
    }

    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    static final class Bucket {
        private final int capacity;
        private final double refillPerSecond;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int capacity, double refillPerSecond) {
            this.capacity = capacity;
            this.refillPerSecond = refillPerSecond;
            this.tokens = capacity;
        }

        synchronized boolean fullAt(long now) {
            return tokens + (now - last) / 1e9 * refillPerSecond >= capacity;
        }

        synchronized Decision take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * refillPerSecond);
            last = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long reset = (long) Math.ceil((capacity - tokens) / refillPerSecond);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / refillPerSecond));
            return new Decision(allowed, capacity, (int) Math.floor(tokens), reset, retryAfter);
        }
    }
}
