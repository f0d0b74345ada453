package fr.gouv.ti.gateway.edge;

import fr.gouv.ti.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per client (per address for anonymous callers), sized by role. */
@ApplicationScoped
public class RateLimiter {

    private final GatewayConfig config;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(GatewayConfig config) {
        this.config = config;
    }

    public Decision take(GatewayCaller caller) {
        GatewayConfig.RateLimit limit = config.rateLimit().get(caller.role());
        if (limit == null) {
            limit = config.rateLimit().get(GatewayCaller.ANONYMOUS_ROLE);
        }
        GatewayConfig.RateLimit l = limit;
        return buckets.computeIfAbsent(caller.role() + ":" + caller.rateLimitKey(),
                k -> new Bucket(l.capacity(), l.refillPerSecond())).take();
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
