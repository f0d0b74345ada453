package fr.gouv.ti.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a person meets it: the gateway's /console opened in headless Chromium (Debian's {@code chromium}
 * package; {@code .ci/run} installs it). The rendered page lists the four services' APIs in its selector and shows
 * the first one; a screenshot is saved to {@code e2e-tests/target/console.png}.
 */
class ConsoleInBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("ti.chromium", "/usr/bin/chromium"));
    private static final Path OUT = Path.of(System.getProperty("ti.stack.dir", "target/e2e-stack")).toAbsolutePath().getParent();

    @Test
    void theConsoleListsTheFourApisInARealBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Chromium is not installed (" + CHROMIUM + "); on Debian: apt-get install chromium");
        String console = Suite.stack().gatewayUrl() + "/console";

        String dom = chromium("--dump-dom", console);
        assertThat(dom).as("rendered console").contains("swagger-ui")
                .contains("/docs/territory/openapi").contains("/docs/measure/openapi")
                .contains("/docs/contract/openapi").contains("/docs/funding/openapi")
                // the selected API (territories) is fetched through the gateway and rendered
                .contains("Territoires d'industrie");
        assertThat(dom).as("operations of the territory API rendered").contains("/api/v1/territories");

        Path screenshot = OUT.resolve("console.png");
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, console);
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(10_000);
        System.out.println("console screenshot: " + screenshot);
    }

    private static String chromium(String action, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("ti-chromium");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1280,1400",
                "--virtual-time-budget=15000", "--user-data-dir=" + profile, action, url));
        Path out = Files.createTempFile("ti-chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + String.join(" ", cmd));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
