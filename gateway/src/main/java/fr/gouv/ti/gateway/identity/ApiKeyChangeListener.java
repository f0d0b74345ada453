package fr.gouv.ti.gateway.identity;

import fr.gouv.ti.commons.core.change.ChangeListener;
import fr.gouv.ti.commons.core.change.NotifiedCache;
import fr.gouv.ti.gateway.config.GatewayConfig;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The cache of API-key lookups (by the key's SHA-256) and what keeps it true: a trigger on {@code api_key} sends
 * {@code NOTIFY api_key_changed, '<key hash>'} when a change commits, on whichever gateway instance (or by hand in
 * SQL), and every instance drops that entry within the listener's poll interval, well under a second.
 */
@ApplicationScoped
public class ApiKeyChangeListener {

    static final String CHANNEL = "api_key_changed";

    private final AgroalDataSource dataSource;
    private final NotifiedCache<String, GatewayCaller> cache;
    private ChangeListener listener;

    public ApiKeyChangeListener(AgroalDataSource dataSource, NotifiedCache<String, GatewayCaller> cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    @Produces
    @Singleton
    static NotifiedCache<String, GatewayCaller> apiKeyCache(GatewayConfig config) {
        return new NotifiedCache<>(config.apiKeys().cacheTtl(), config.apiKeys().cacheMaxEntries());
    }

    void start(@Observes StartupEvent ev) {
        listener = new ChangeListener("api-key-listener", dataSource, (channel, keyHash) -> {
            if (keyHash == null || keyHash.isEmpty()) {
                cache.invalidateAll();
            } else {
                cache.invalidate(keyHash);
            }
        }, cache::live, CHANNEL).start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (listener != null) {
            listener.close();
        }
    }
}
