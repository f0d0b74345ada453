package fr.gouv.ti.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding 7 of issue 18: a client picks neither its address nor its bucket. */
class ClientAddressTest {

    private final ClientAddress behindLoadBalancer = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
        assertThat(behindLoadBalancer.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(new ClientAddress(List.of()).resolve("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedHop() {
        // the left-most entries are whatever the client wrote; the proxies append what they saw
        assertThat(behindLoadBalancer.resolve("10.0.0.5", List.of("6.6.6.6, 198.51.100.7, 10.0.0.9")))
                .isEqualTo("198.51.100.7");
        assertThat(behindLoadBalancer.resolve("10.0.0.5", List.of("198.51.100.7", "10.0.0.9"))).isEqualTo("198.51.100.7");
        assertThat(behindLoadBalancer.resolve("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        assertThat(behindLoadBalancer.resolve("10.0.0.5", List.of("not-an-address, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(behindLoadBalancer.resolve("10.0.0.5", List.of("evil.example.org"))).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6ClientsShareOneBucketPerSlash64AndIpv4ClientsOnePerAddress() {
        assertThat(ClientAddress.limitKey("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.limitKey("2001:db8:1:2:ffff:1:2:3"));
        assertThat(ClientAddress.limitKey("2001:db8:1:2::1")).isNotEqualTo(ClientAddress.limitKey("2001:db8:1:3::1"));
        assertThat(ClientAddress.limitKey("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.limitKey("198.51.100.7")).isNotEqualTo(ClientAddress.limitKey("198.51.100.8"));
    }
}
