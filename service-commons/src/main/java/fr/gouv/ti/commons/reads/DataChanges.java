package fr.gouv.ti.commons.reads;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.core.change.ChangeListener;
import fr.gouv.ti.commons.core.change.NotifiedCache;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hears every committed change of the data a service serves from memory, made by any instance of it (statement
 * triggers on its tables send {@code NOTIFY <ti.reads.change-channel>}), and empties the caches it handed out. The
 * reference data, the registry and the catalogue change a few times a day and are read all the time: reads come from
 * memory, and a change costs one reload per entry. While the listener is not connected the caches are off.
 */
@ApplicationScoped
public class DataChanges {

    private final AgroalDataSource dataSource;
    private final ReadsConfig config;
    private final ObjectMapper mapper;
    private final List<NotifiedCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean live;
    private ChangeListener listener;

    public DataChanges(AgroalDataSource dataSource, ReadsConfig config, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.config = config;
        this.mapper = mapper;
    }

    /** A cache emptied on every change of the service's data, used only while changes are heard. */
    public <K, V> NotifiedCache<K, V> cache(int maxEntries) {
        NotifiedCache<K, V> cache = new NotifiedCache<>(Duration.ofHours(1), maxEntries);
        caches.add(cache);
        cache.live(live);
        return cache;
    }

    /** Whole GET answers kept rendered, by request. */
    public RenderedReads renderedReads(int maxEntries) {
        return new RenderedReads(cache(maxEntries), mapper);
    }

    /** Empties every cache of this instance now (a write of its own just committed). */
    public void invalidateAll() {
        caches.forEach(NotifiedCache::invalidateAll);
    }

    void start(@Observes StartupEvent ev) {
        config.changeChannel().ifPresent(channel -> listener = new ChangeListener(channel + "-listener", dataSource,
                (ch, payload) -> caches.forEach(NotifiedCache::invalidateAll),
                listening -> {
                    live = listening;
                    caches.forEach(c -> c.live(listening));
                }, channel).start());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (listener != null) {
            listener.close();
        }
    }
}
