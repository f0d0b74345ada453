package fr.gouv.ti.measure.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ti.measure")
public interface MeasureConfig {

    Seed seed();

    interface Seed {
        /** Load the launch basket (catalogue version 1) at first start. Idempotent: skipped when any version exists. */
        @WithDefault("true")
        boolean enabled();

        /** Classpath resource of the sourced offer of services (copy of shared/data/offer_services_sourced.csv). */
        @WithDefault("seed/offer_services_sourced.csv")
        String resource();
    }
}
