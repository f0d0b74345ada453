package fr.gouv.ti.commons.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parser of the identity the gateway signs, with the verified tokens kept until they expire. The gateway reuses
 * one token per client for half its lifetime, so without this every request would pay for an RS256 verification and
 * a JSON parse of the same token (14 % of funding-service's CPU under load). A token is verified once, in full
 * (signature, issuer, audience, expiry); the cached result is used only while {@code now < exp + clock skew}, which
 * is exactly when the verification would still accept it, and is then dropped.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedIdentityCache implements JWTParser {

    /** Far more than the live tokens of one service (one per client and 30 s); bounds memory under a flood. */
    private static final int MAX_ENTRIES = 20_000;

    private final JWTParser verifier;
    private final long skewMillis;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedIdentityCache(JWTAuthContextInfo info) {
        this.verifier = new DefaultJWTParser(info);
        this.skewMillis = info.getClockSkew() * 1000L;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified v = verified.get(token);
        if (v != null) {
            if (now < v.acceptedUntilMillis) {
                return v.jwt;
            }
            verified.remove(token, v);
        }
        JsonWebToken jwt = verifier.parse(token);
        if (verified.size() >= MAX_ENTRIES) {
            verified.entrySet().removeIf(e -> e.getValue().acceptedUntilMillis <= now);
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(jwt, jwt.getExpirationTime() * 1000L + skewMillis));
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    private record Verified(JsonWebToken jwt, long acceptedUntilMillis) {
    }
}
