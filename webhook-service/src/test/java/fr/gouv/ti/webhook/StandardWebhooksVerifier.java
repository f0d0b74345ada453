package fr.gouv.ti.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A receiver's check of a delivery, written from the Standard Webhooks specification and sharing no code with the
 * service: the signed content is {@code msg_id + "." + timestamp + "." + payload}; the key is the base64 part of the
 * secret after {@code whsec_}; the header lists space-delimited {@code version,signature} pairs, of which one
 * {@code v1} must match (compared in constant time); the timestamp must be within the tolerance of now.
 */
public final class StandardWebhooksVerifier {

    private static final long TOLERANCE_SECONDS = 5 * 60;

    private final byte[] key;

    public StandardWebhooksVerifier(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
    }

    /** Throws when the delivery must be rejected. */
    public void verify(String msgId, String timestamp, String signatureHeader, byte[] payload, long nowSeconds) {
        if (msgId == null || timestamp == null || signatureHeader == null) {
            throw new SecurityException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) {
            throw new SecurityException("timestamp outside the tolerance");
        }
        byte[] expected = hmac((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), payload);
        for (String pair : signatureHeader.split(" ")) {
            int comma = pair.indexOf(',');
            if (comma < 0 || !pair.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(pair.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new SecurityException("no matching v1 signature");
    }

    private byte[] hmac(byte[] prefix, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            mac.update(payload);
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
