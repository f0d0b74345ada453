package fr.gouv.ti.commons.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, from the identity the gateway signed; no identity means anonymous. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private Caller caller;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    private SecurityIdentity verified;

    public Caller get() {
        if (caller == null) {
            caller = from(verified != null ? verified : identity);
        }
        return caller;
    }

    /**
     * Given by {@link RequireGatewayIdentity} once the identity is verified, so that reading the caller never blocks
     * (resources on the event loop); the claims are read only if a resource asks.
     */
    void resolved(SecurityIdentity identity) {
        this.verified = identity;
    }

    static Caller from(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Caller.ANONYMOUS;
        }
        Role role = jwt.getGroups().stream().findFirst().map(g -> {
            try {
                return Role.fromClaim(g);
            } catch (IllegalArgumentException e) {
                return Role.ANONYMOUS;
            }
        }).orElse(Role.ANONYMOUS);
        return new Caller(jwt.getSubject(), claim(jwt, IdentityClaims.CLIENT_NAME), role,
                claim(jwt, IdentityClaims.REGION), claim(jwt, IdentityClaims.OPERATOR),
                claim(jwt, IdentityClaims.PHASE), claim(jwt, IdentityClaims.TI_ID));
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        return v == null ? null : v.toString().replace("\"", "");
    }
}
