package fr.gouv.ti.territory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ti.territory.import")
public interface ImportConfig {

    /** Largest CSV accepted by the bulk import, in bytes (a phase is about 80 kB). */
    @WithDefault("2097152")
    long maxBytes();

    /** Largest communes CSV accepted (the COG 2026 file is about 2 MB). */
    @WithDefault("8388608")
    long communesMaxBytes();
}
