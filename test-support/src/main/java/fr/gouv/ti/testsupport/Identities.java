package fr.gouv.ti.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.util.UUID;

/**
 * Identities as the gateway would sign them, for calling a service directly in its tests.
 * Use with REST Assured: {@code given().header(Identities.HEADER, Identities.nationalAdmin())}.
 */
public final class Identities {

    public static final String HEADER = "X-TI-Identity";
    public static final String ISSUER = "urn:ti:gateway";

    private Identities() {
    }

    public static String nationalAdmin() {
        return token("admin-test", "national-admin", null, null, null, null);
    }

    public static String region(String regionCode) {
        return token("region-" + regionCode, "region", regionCode, null, null, null);
    }

    public static String operator(String operatorCode) {
        return token("operator-" + operatorCode.toLowerCase(), "operator", null, operatorCode, null, null);
    }

    public static String territoryTeam(String phase, String tiId) {
        return token("team-" + phase + "-" + tiId, "territory-team", null, null, phase, tiId);
    }

    public static String anonymous() {
        return token("anonymous", "anonymous", null, null, null, null);
    }

    public static String token(String clientId, String role, String region, String operator, String phase, String tiId) {
        return token(clientId, role, region, operator, phase, tiId, 600);
    }

    /** A national administrator's identity that expires in a few seconds (for the expiry of cached identities). */
    public static String nationalAdminExpiringIn(long seconds) {
        return token("admin-test", "national-admin", null, null, null, null, seconds);
    }

    public static String token(String clientId, String role, String region, String operator, String phase, String tiId,
                               long expiresInSeconds) {
        return token(audience(), clientId, role, region, operator, phase, tiId, expiresInSeconds);
    }

    /**
     * The audience the service under test expects ({@code mp.jwt.verify.audiences} of the app in this JVM), as the
     * gateway signs one identity per service.
     */
    public static String audience() {
        String a = AUDIENCE;
        if (a == null) {
            a = "ti-services";
            // read from the app's application.properties, not from Config: tokens are often made in static fields,
            // before the application under test has started
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            try (java.io.InputStream in = (cl != null ? cl : Identities.class.getClassLoader())
                    .getResourceAsStream("application.properties")) {
                if (in != null) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(in);
                    a = p.getProperty("mp.jwt.verify.audiences", a).trim();
                }
            } catch (java.io.IOException e) {
                // keep the default
            }
            AUDIENCE = a;
        }
        return a;
    }

    private static volatile String AUDIENCE;

    /** An identity for a given audience (another service's, to prove it is refused). */
    public static String token(String audience, String clientId, String role, String region, String operator,
                               String phase, String tiId, long expiresInSeconds) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).subject(clientId).audience(audience).groups(role)
                .claim("jti", UUID.randomUUID().toString()).claim("ti_client", clientId).expiresIn(expiresInSeconds);
        if (region != null) {
            b.claim("ti_region", region);
        }
        if (operator != null) {
            b.claim("ti_operator", operator);
        }
        if (phase != null) {
            b.claim("ti_phase", phase);
        }
        if (tiId != null) {
            b.claim("ti_id", tiId);
        }
        return b.jws().sign(IdentityKeys.pair().getPrivate());
    }
}
