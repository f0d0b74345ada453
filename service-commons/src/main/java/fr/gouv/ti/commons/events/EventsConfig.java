package fr.gouv.ti.commons.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "ti.events")
public interface EventsConfig {

    /** CloudEvents `source` of every event this service emits, e.g. {@code /territory-service}. */
    String source();

    Outbox outbox();

    Consumer consumer();

    interface Outbox {
        /** Off in a test that wants to watch rows pile up; on everywhere else. */
        @WithDefault("true")
        boolean relayEnabled();

        @WithDefault("200")
        int batchSize();

        /** Safety poll when no NOTIFY arrives (the relay normally wakes on insert). */
        @WithDefault("2s")
        Duration pollInterval();

        @WithDefault("100ms")
        Duration minBackoff();

        @WithDefault("5s")
        Duration maxBackoff();

        /** Sent rows older than this are purged. */
        @WithDefault("7d")
        Duration retention();
    }

    interface Consumer {
        /** Attempts before a record goes to the dead-letter topic. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("200ms")
        Duration retryBackoff();
    }
}
