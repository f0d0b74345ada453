package fr.gouv.ti.gateway.identity;

import fr.gouv.ti.gateway.config.GatewayConfig;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Verifies OIDC/JWT bearer tokens of an external identity provider (issuer and JWKS from configuration) and reads
 * the suite's role and scope from their claims.
 */
@ApplicationScoped
public class BearerTokenVerifier {

    private static final Set<String> ROLES = Set.of("national-admin", "region", "operator", "territory-team");

    private final GatewayConfig config;
    private final JWTParser parser;

    private final String audience;
    private final Set<String> authorizedParties;

    public BearerTokenVerifier(GatewayConfig config) {
        this.config = config;
        Optional<String> issuer = config.oidc().issuer().filter(s -> !s.isBlank());
        if (issuer.isPresent()) {
            String jwks = config.oidc().jwksLocation().filter(s -> !s.isBlank()).orElseThrow(() ->
                    new IllegalStateException("ti.gateway.oidc.issuer is set but ti.gateway.oidc.jwks-location is not"));
            this.audience = requireSafe(jwks, config.oidc().audience(), config.localRun());
            JWTAuthContextInfo info = new JWTAuthContextInfo(jwks, issuer.get());
            info.setExpectedAudience(Set.of(audience));
            info.setClockSkew((int) config.oidc().clockSkew().toSeconds());
            this.authorizedParties = Set.copyOf(config.oidc().authorizedParties().orElse(java.util.List.of(audience)));
            this.parser = new DefaultJWTParser(info);
        } else {
            this.audience = null;
            this.authorizedParties = Set.of();
            this.parser = null;
        }
    }

    /**
     * With an issuer, tokens must be bound to this API (an audience is required) and the key set must come over
     * https, except in a local run (a file or http JWKS of a test provider). Returns the audience.
     */
    public static String requireSafe(String jwksLocation, Optional<String> audience, boolean localRun) {
        String aud = audience.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "ti.gateway.oidc.audience (TI_GATEWAY_OIDC_AUDIENCE) is required when an issuer is set: without it, "
                        + "any token of the provider, issued for any application, would be accepted"));
        if (!localRun && !jwksLocation.startsWith("https://")) {
            throw new IllegalStateException("ti.gateway.oidc.jwks-location must be an https URL outside a local run, got "
                    + jwksLocation);
        }
        return aud;
    }

    public boolean enabled() {
        return parser != null;
    }

    /** Empty when the token is not valid or carries no role of the suite. */
    public Optional<GatewayCaller> verify(String token) {
        if (parser == null) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            String azp = claim(jwt, "azp");
            if (azp != null && !authorizedParties.contains(azp)) {
                // issued to another client of the provider, even if it names this API among its audiences
                return Optional.empty();
            }
            if (azp == null && jwt.getAudience() != null && jwt.getAudience().size() > 1) {
                // several audiences and no authorized party: whom it was issued to is not said
                return Optional.empty();
            }
            String role = claim(jwt, config.oidc().roleClaim());
            if (role == null || !ROLES.contains(role)) {
                return Optional.empty();
            }
            String client = Optional.ofNullable(claim(jwt, "azp")).orElse(jwt.getSubject());
            return Optional.of(new GatewayCaller("oidc:" + jwt.getSubject(), client, role, claim(jwt, "ti_region"),
                    claim(jwt, "ti_operator"), claim(jwt, "ti_phase"), claim(jwt, "ti_id")));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        return v == null ? null : v.toString().replace("\"", "");
    }
}
