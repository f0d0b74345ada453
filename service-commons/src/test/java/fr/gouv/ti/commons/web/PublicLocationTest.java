package fr.gouv.ti.commons.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding 10 of issue 18: a Location header never names the service's internal host. */
class PublicLocationTest {

    @Test
    void theServicesOwnAddressIsReplacedByThePublicBaseUrlOrDropped() {
        assertThat(PublicLocation.rewrite("http://127.0.0.1:8082/api/v1/contracts/42?x=1", "https://api.example.gouv.fr"))
                .contains("https://api.example.gouv.fr/api/v1/contracts/42?x=1");
        assertThat(PublicLocation.rewrite("http://127.0.0.1:8082/api/v1/contracts/42", "")).contains("/api/v1/contracts/42");
        assertThat(PublicLocation.rewrite("/api/v1/funding/accounts/7", "https://api.example.gouv.fr"))
                .contains("https://api.example.gouv.fr/api/v1/funding/accounts/7");
        assertThat(PublicLocation.rewrite("/api/v1/funding/accounts/7", "")).isEmpty();
    }
}
