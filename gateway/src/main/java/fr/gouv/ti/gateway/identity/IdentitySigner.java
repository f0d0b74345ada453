package fr.gouv.ti.gateway.identity;

import fr.gouv.ti.gateway.config.GatewayConfig;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the short-lived identity (RS256 JWT) forwarded to the services in {@code X-TI-Identity}. A token is reused
 * for half its lifetime per client, so signing does not cost an RSA operation per request.
 */
@ApplicationScoped
public class IdentitySigner {

    public static final String ISSUER = "urn:ti:gateway";

    private final GatewayConfig config;
    private final PrivateKey key;
    private final ConcurrentHashMap<Audienced, Signed> cache = new ConcurrentHashMap<>();

    public IdentitySigner(GatewayConfig config) {
        this.config = config;
        this.key = loadKey(config);
    }

    /** The audience of the identities sent to a downstream service: {@code ti-<name>} (ti-territory, ti-funding...). */
    public static String audienceOf(String service) {
        return "ti-" + service;
    }

    /**
     * The identity of a caller for one service: its audience is that service alone, which checks it
     * ({@code mp.jwt.verify.audiences}), so a token seen by one service cannot be replayed at another.
     */
    public String identityFor(GatewayCaller caller, String service) {
        long now = System.nanoTime();
        Audienced cacheKey = new Audienced(caller, service);
        Signed s = cache.get(cacheKey);
        if (s != null && s.reuseUntilNanos > now) {
            return s.token;
        }
        long ttl = config.identity().ttl().toSeconds();
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).subject(caller.clientId()).audience(audienceOf(service))
                .groups(caller.role()).claim("ti_client", caller.clientName()).expiresIn(ttl);
        if (caller.regionCode() != null) {
            b.claim("ti_region", caller.regionCode());
        }
        if (caller.operatorCode() != null) {
            b.claim("ti_operator", caller.operatorCode());
        }
        if (caller.phase() != null) {
            b.claim("ti_phase", caller.phase());
        }
        if (caller.tiId() != null) {
            b.claim("ti_id", caller.tiId());
        }
        String token = b.jws().sign(key);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(cacheKey, new Signed(token, now + ttl * 500_000_000L));
        return token;
    }

    private static PrivateKey loadKey(GatewayConfig config) {
        String pem = config.identity().privateKey().filter(s -> !s.isBlank()).orElseGet(() -> {
            String location = config.identity().privateKeyLocation().filter(s -> !s.isBlank()).orElseThrow(() ->
                    new IllegalStateException("ti.gateway.identity.private-key-location is not set: the gateway "
                            + "cannot sign identities for the services"));
            try {
                return Files.readString(Path.of(location.replaceFirst("^file:", "")));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the identity signing key at " + location, e);
            }
        });
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the identity signing key is not an RSA PKCS#8 PEM key", e);
        }
    }

    private record Audienced(GatewayCaller caller, String service) {
    }

    private record Signed(String token, long reuseUntilNanos) {
    }
}
