package fr.gouv.ti.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the webhook service ({@code TI_WEBHOOK_...}). */
@ConfigMapping(prefix = "ti.webhook")
public interface WebhookConfig {

    Targets targets();

    Delivery delivery();

    Secrets secrets();

    /** Events kept for replay "since a date"; older ones are purged. */
    @WithDefault("30d")
    Duration eventRetention();

    /** Which URLs a subscription may name. */
    interface Targets {
        /** Loopback, link-local, private (RFC 1918, fc00::/7), CGNAT and unspecified addresses: refused unless true. */
        @WithDefault("false")
        boolean allowPrivate();

        /** https only, unless false (the local run and the tests). */
        @WithDefault("true")
        boolean requireHttps();
    }

    interface Delivery {
        /** Off in a test that wants to look at the queue; on everywhere else. */
        @WithDefault("true")
        boolean enabled();

        /** Deliveries in flight at once per instance (each one a blocking HTTP call). */
        @WithDefault("8")
        int workers();

        /** Deliveries claimed by one query. */
        @WithDefault("32")
        int batchSize();

        /** Safety poll for retries that fall due (new events wake the dispatcher at once). */
        @WithDefault("250ms")
        Duration pollInterval();

        @WithDefault("2s")
        Duration connectTimeout();

        /** Time for the receiver to answer (headers and the bounded part of the body). */
        @WithDefault("10s")
        Duration requestTimeout();

        /** A claimed delivery is taken again after this (an instance killed mid-delivery loses nothing). */
        @WithDefault("30s")
        Duration lease();

        /** Bytes of the receiver's answer read and kept in the delivery log. */
        @WithDefault("1024")
        int maxResponseBytes();

        /** First retry after about this; each next one doubles, with jitter, up to {@link #maxBackoff}. */
        @WithDefault("5s")
        Duration initialBackoff();

        @WithDefault("1h")
        Duration maxBackoff();

        /** Fraction of the back-off drawn at random (0.2: ±20%). */
        @WithDefault("0.2")
        double jitter();

        /** A delivery is retried for this long, then marked FAILED. */
        @WithDefault("26h")
        Duration retryFor();

        /** The endpoint is disabled when it has failed this many attempts in a row... */
        @WithDefault("30")
        int disableAfterFailures();

        /** ...and has been failing for at least this long (with no success in between). */
        @WithDefault("24h")
        Duration disableAfter();
    }

    interface Secrets {
        /** How long the previous secret still signs after a rotation, unless the request says otherwise. */
        @WithDefault("24h")
        Duration rotationOverlap();
    }
}
