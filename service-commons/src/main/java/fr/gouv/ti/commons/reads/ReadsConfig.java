package fr.gouv.ti.commons.reads;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

@ConfigMapping(prefix = "ti.reads")
public interface ReadsConfig {

    /**
     * The PostgreSQL channel on which the service's own tables announce their changes (statement triggers in its
     * migrations). Without one, nothing is served from the read caches.
     */
    Optional<String> changeChannel();
}
