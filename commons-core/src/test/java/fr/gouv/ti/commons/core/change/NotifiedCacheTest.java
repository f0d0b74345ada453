package fr.gouv.ti.commons.core.change;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class NotifiedCacheTest {

    private final NotifiedCache<String, String> cache = new NotifiedCache<>(Duration.ofMinutes(1), 3);

    @Test
    void nothingIsServedFromTheCacheWhileChangesAreNotHeard() {
        AtomicInteger loads = new AtomicInteger();
        cache.get("k", k -> Optional.of("v" + loads.incrementAndGet()));
        cache.get("k", k -> Optional.of("v" + loads.incrementAndGet()));
        assertThat(loads).hasValue(2);

        cache.live(true);
        assertThat(cache.get("k", k -> Optional.of("v" + loads.incrementAndGet()))).contains("v3");
        assertThat(cache.get("k", k -> Optional.of("v" + loads.incrementAndGet()))).contains("v3");
        cache.live(false);
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void aLoadOverlappingAChangeIsNotKept() {
        cache.live(true);
        long before = cache.generation();
        cache.invalidate("other"); // a change arrives while the load runs
        cache.put("k", Optional.of("read before the change"), before);
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void absentValuesAreCachedAndAnInvalidationDropsThem() {
        cache.live(true);
        AtomicInteger loads = new AtomicInteger();
        cache.get("unknown", k -> { loads.incrementAndGet(); return Optional.empty(); });
        assertThat(cache.get("unknown", k -> { loads.incrementAndGet(); return Optional.empty(); })).isEmpty();
        assertThat(loads).hasValue(1);
        cache.invalidate("unknown");
        assertThat(cache.get("unknown")).isEmpty();
    }

    @Test
    void aFullCacheIsEmptiedRatherThanGrown() {
        cache.live(true);
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, Optional.of("v"), cache.generation());
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void entriesExpireAfterTheirTimeToLiveEvenWithNoChangeAnnounced() {
        NotifiedCache<String, String> shortLived = new NotifiedCache<>(Duration.ZERO, 10);
        shortLived.live(true);
        shortLived.put("k", Optional.of("v"), shortLived.generation());
        assertThat(shortLived.get("k")).isEmpty();
    }
}
