package fr.gouv.ti.territory.service;

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
 * Hears every committed change of the registry, by any instance of the service (triggers on the territory, member and
 * pilot tables send {@code NOTIFY registry_changed}), and empties the caches of registry reads it handed out. The
 * registry changes a few times a day and is read all the time, so reads are served from memory and a change costs
 * one reload per entry.
 */
@ApplicationScoped
public class RegistryChanges {

    static final String CHANNEL = "registry_changed";

    private final AgroalDataSource dataSource;
    private final List<NotifiedCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean live;
    private ChangeListener listener;

    public RegistryChanges(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A cache emptied on every change of the registry, and used only while changes are heard. */
    public <K, V> NotifiedCache<K, V> cache(int maxEntries) {
        NotifiedCache<K, V> cache = new NotifiedCache<>(Duration.ofHours(1), maxEntries);
        caches.add(cache);
        cache.live(live);
        return cache;
    }

    void start(@Observes StartupEvent ev) {
        listener = new ChangeListener("registry-changes", dataSource,
                (channel, payload) -> caches.forEach(NotifiedCache::invalidateAll),
                listening -> {
                    live = listening;
                    caches.forEach(c -> c.live(listening));
                }, CHANNEL).start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (listener != null) {
            listener.close();
        }
    }
}
