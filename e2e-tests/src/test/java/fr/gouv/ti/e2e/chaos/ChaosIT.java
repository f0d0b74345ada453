package fr.gouv.ti.e2e.chaos;

import fr.gouv.ti.e2e.Suite;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos round of CI: kill -9 of the broker while regions, teams and operators write through the gateway
 * with retried Idempotency-Keys. Nothing acknowledged is lost or doubled, every event reaches every consumer, the
 * projections agree with their sources and the ledger's invariants hold. bench/chaos.sh runs the long version.
 */
class ChaosIT {

    @Test
    void aKill9OfTheBrokerUnderWritesLosesAndDoublesNothingAcknowledged() throws Exception {
        long seed = Long.getLong("ti.chaos.seed", 20261204L);
        ChaosRun.Result result = new ChaosRun(Suite.stack(),
                new ChaosRun.Settings(seed, 1, List.of("kafka"), Duration.ofSeconds(8), false)).execute();
        System.out.println(ChaosReport.markdown(result));
        assertThat(result.kills()).hasSize(1);
        assertThat(result.acks().total()).as("writes acknowledged").isGreaterThan(20);
        assertThat(result.audit().clean()).as(result.audit().summary() + "\n" + ChaosReport.markdown(result)).isTrue();
    }
}
