package fr.gouv.ti.webhook;

import fr.gouv.ti.webhook.service.TargetPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside a local run: https only, and never an address inside the platform's network. */
class TargetPolicyTest {

    private final TargetPolicy production = new TargetPolicy(false, true);
    private final TargetPolicy local = new TargetPolicy(true, false);

    @Test
    void privateLoopbackLinkLocalAndSharedAddressesAreRefused() {
        for (String url : new String[]{"https://127.0.0.1/h", "https://localhost/h", "https://10.1.2.3/h",
                "https://172.16.0.1/h", "https://192.168.1.10/h", "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/h", "https://0.0.0.0/h", "https://[::1]/h", "https://[fd00::1]/h",
                "https://[fe80::1]/h", "https://[::ffff:10.0.0.1]/h", "https://224.0.0.1/h"}) {
            assertThat(production.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void publicHttpsAddressesAreAccepted() {
        assertThat(production.refusal("https://93.184.216.34/hooks/ti?x=1")).isEmpty();
        assertThat(production.refusal("https://[2606:4700:4700::1111]/hooks")).isEmpty();
    }

    @Test
    void malformedOrUnsafeUrlsAreRefused() {
        for (String url : new String[]{null, "", "not a url", "ftp://93.184.216.34/x", "http://93.184.216.34/x",
                "https://user:pw@93.184.216.34/x", "https://93.184.216.34/x#frag", "/relative/path",
                "https:///nohost", "https://" + "a".repeat(2001)}) {
            assertThat(production.refusal(url)).as(String.valueOf(url)).isPresent();
        }
    }

    @Test
    void aLocalRunMayUseHttpAndLoopback() {
        assertThat(local.refusal("http://127.0.0.1:9999/h")).isEmpty();
        assertThat(local.refusal("ftp://127.0.0.1/h")).isPresent();
    }
}
