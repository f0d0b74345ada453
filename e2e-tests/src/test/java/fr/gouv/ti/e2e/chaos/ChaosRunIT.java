package fr.gouv.ti.e2e.chaos;

import fr.gouv.ti.e2e.Suite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long chaos run of bench/chaos.sh (skipped unless {@code ti.chaos.rounds} is set): every part killed in turn,
 * several rounds, the administrator's load as well; the report is appended to {@code ti.chaos.report}.
 */
class ChaosRunIT {

    @Test
    void everyPartKilledInTurnUnderTheMixedLoadLosesNothingAcknowledged() throws Exception {
        String rounds = System.getProperty("ti.chaos.rounds");
        Assumptions.assumeTrue(rounds != null, "bench/chaos.sh sets ti.chaos.rounds");
        long seed = Long.getLong("ti.chaos.seed", System.nanoTime());
        System.out.println("chaos: seed " + seed + " (ti.chaos.seed=" + seed + " reproduces the run)");
        ChaosRun.Settings settings = new ChaosRun.Settings(seed, Integer.parseInt(rounds),
                Arrays.asList(System.getProperty("ti.chaos.targets", String.join(",", Faults.ALL)).split(",")),
                Duration.ofSeconds(Long.getLong("ti.chaos.between", 10)), true);
        ChaosRun.Result result = new ChaosRun(Suite.stack(), settings).execute();
        String md = ChaosReport.markdown(result);
        System.out.println(md);
        String report = System.getProperty("ti.chaos.report");
        if (report != null) {
            Files.writeString(Path.of(report), md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        assertThat(result.audit().clean()).as(result.audit().summary() + " (seed " + seed + ")").isTrue();
    }
}
