package fr.gouv.ti.gateway.edge;

import fr.gouv.ti.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding 7 of issue 18: buckets of clients gone quiet are evicted, so rotating addresses cannot fill memory. */
class RateLimiterTest {

    @Test
    void bucketsThatRefilledAreEvictedAndThoseInUseAreKept() {
        GatewayConfig.RateLimit limit = new GatewayConfig.RateLimit() {
            public int capacity() {
                return 10;
            }

            public double refillPerSecond() {
                return 5;
            }
        };
        GatewayConfig config = (GatewayConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{GatewayConfig.class}, (p, m, a) -> m.getName().equals("rateLimit")
                        ? Map.of(GatewayCaller.ANONYMOUS_ROLE, limit) : null);
        RateLimiter limiter = new RateLimiter(config);
        for (int i = 0; i < 1000; i++) {
            limiter.take(GatewayCaller.anonymous("198.51.100." + (i % 250) + "-" + i));
        }
        assertThat(limiter.size()).isEqualTo(1000);
        long now = System.nanoTime();
        assertThat(limiter.evictIdle(now)).as("just used: not full yet").isZero();
        // 2 s later at 5 tokens/s each bucket is full again: all of them go
        assertThat(limiter.evictIdle(now + 2_100_000_000L)).isEqualTo(1000);
        assertThat(limiter.size()).isZero();
    }
}
