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

    public BearerTokenVerifier(GatewayConfig config) {
        this.config = config;
        if (config.oidc().issuer().filter(s -> !s.isBlank()).isPresent()
                && config.oidc().jwksLocation().filter(s -> !s.isBlank()).isPresent()) {
            JWTAuthContextInfo info = new JWTAuthContextInfo(config.oidc().jwksLocation().get(), config.oidc().issuer().get());
            config.oidc().audience().filter(s -> !s.isBlank()).ifPresent(a -> info.setExpectedAudience(Set.of(a)));
            this.parser = new DefaultJWTParser(info);
        } else {
            this.parser = null;
        }
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
