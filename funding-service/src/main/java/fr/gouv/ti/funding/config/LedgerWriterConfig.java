package fr.gouv.ti.funding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The ledger writer's bounds ({@code ti.ledger.writer.*}). */
@ConfigMapping(prefix = "ti.ledger.writer")
public interface LedgerWriterConfig {

    /** The most movements posted in one transaction. */
    @WithDefault("256")
    int maxBatch();

    /** Requests waiting beyond this are refused at once with 503 and Retry-After, rather than queued for ever. */
    @WithDefault("20000")
    int queueCapacity();

    /** How long a request waits for its batch before it is answered 503 (its key then tells what happened). */
    @WithDefault("30s")
    Duration timeout();
}
