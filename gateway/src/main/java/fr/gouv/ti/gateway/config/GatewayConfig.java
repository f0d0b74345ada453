package fr.gouv.ti.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "ti.gateway")
public interface GatewayConfig {

    /** Downstream services by name (territory, contract, measure, funding, webhook). */
    Map<String, Downstream> services();

    Identity identity();

    /**
     * First national administrator key of a fresh installation; stored hashed at start-up. Outside a local run it
     * must be strong ({@code ti_} and at least 43 random characters), and it may be unset only once another national
     * administrator key exists; unsetting it deactivates it.
     */
    Optional<String> bootstrapAdminKey();

    /**
     * A run on a developer's machine ({@code ./run.sh}, the tests): a weak or missing bootstrap key is accepted
     * there with a warning. False by default, so that a deployment never does.
     */
    @WithDefault("false")
    boolean localRun();

    Oidc oidc();

    ApiKeys apiKeys();

    AccessLog accessLog();

    Breaker breaker();

    /** Token bucket per client, by role (national-admin, region, operator, territory-team, anonymous). */
    Map<String, RateLimit> rateLimit();

    /**
     * Addresses or networks (CIDR) of the proxies in front of the gateway (load balancers) whose
     * {@code X-Forwarded-For} is believed; unset, the client is the peer of the connection and the header is ignored.
     */
    Optional<List<String>> trustedProxies();

    AuthFailures authFailures();

    interface AuthFailures {
        /** Failed authentications allowed per client address (IPv6: per /64) in a window; then 429 until it ends. */
        @WithDefault("20")
        int max();

        @WithDefault("60s")
        Duration window();
    }

    interface Downstream {
        String url();

        /**
         * The service's management interface (its /q/openapi and /q/health), which is not its API port; unset, the
         * API URL is used (a service without a separate management interface).
         */
        Optional<String> managementUrl();

        /** Path prefixes routed to this service, each of the form {@code /api/v1/<resource>} or {@code /api/v1/<resource>/<name>}. */
        List<String> prefixes();

        /** Time allowed for the service to start answering. */
        @WithDefault("15s")
        Duration timeout();

        @WithDefault("2s")
        Duration connectTimeout();
    }

    interface Identity {
        /** PEM file (PKCS#8) of the key that signs forwarded identities. */
        Optional<String> privateKeyLocation();

        /** The same key inline (PEM), for tests and secrets injected as values. */
        Optional<String> privateKey();

        @WithDefault("60s")
        Duration ttl();
    }

    interface Oidc {
        /** Expected `iss` of bearer tokens; bearer tokens are refused when unset. */
        Optional<String> issuer();

        /** JWKS of the identity provider (URL or file). */
        Optional<String> jwksLocation();

        /** Required when an issuer is set: the {@code aud} this API's tokens carry (the provider's client or resource id). */
        Optional<String> audience();

        /**
         * The clients ({@code azp}) whose tokens are accepted; unset, a token's {@code azp}, where present, must be the
         * audience itself.
         */
        Optional<java.util.List<String>> authorizedParties();

        /** Clock difference tolerated with the identity provider (exp, iat). */
        @WithDefault("5s")
        Duration clockSkew();

        /** Claims that carry the suite's role and scope in the provider's tokens. */
        @WithDefault("ti_role")
        String roleClaim();
    }

    interface ApiKeys {
        /** How long a key lookup is reused; revocations are heard at once through NOTIFY, whatever this is. */
        @WithDefault("10s")
        Duration cacheTtl();

        /** Entries kept at most (known and unknown keys); the cache is emptied when it is full. */
        @WithDefault("50000")
        int cacheMaxEntries();
    }

    interface AccessLog {
        /** One line per request, written in batches off the event loop to the log category "access". */
        @WithDefault("true")
        boolean enabled();

        /** Lines waiting to be written at most; beyond, they are counted as dropped (a stalled disk). */
        @WithDefault("100000")
        int maxQueued();
    }

    interface Breaker {
        /** Consecutive failures that open the circuit of a downstream. */
        @WithDefault("5")
        int failureThreshold();

        @WithDefault("10s")
        Duration openDuration();
    }

    interface RateLimit {
        int capacity();

        double refillPerSecond();
    }
}
