package fr.gouv.ti.e2e.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The receiver's signature check, from the Standard Webhooks specification alone (no code of the suite): HMAC-SHA256
 * over {@code id.timestamp.body} keyed with the base64 secret after {@code whsec_}; one of the space-separated
 * {@code v1,} signatures must match, in constant time; the timestamp within 5 minutes.
 */
public final class Verifier {

    private final byte[] key;

    public Verifier(String whsecSecret) {
        if (!whsecSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("not a Standard Webhooks secret");
        }
        key = Base64.getDecoder().decode(whsecSecret.substring(6));
    }

    public boolean verifies(Receiver.Delivery d) {
        if (d.id() == null || d.timestamp() == null || d.signature() == null) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(d.timestamp())) > 300) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((d.id() + "." + d.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(d.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String s : d.signature().split(" ")) {
            if (s.startsWith("v1,") && MessageDigest.isEqual(expected, decode(s.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
