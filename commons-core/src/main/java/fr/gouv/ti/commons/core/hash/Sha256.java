package fr.gouv.ti.commons.core.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest of the suite: API keys are stored as it, request bodies fingerprinted with it
 * (Idempotency-Key), representations tagged with it (ETag). One digest object per thread: looking the algorithm
 * up on every call showed in the gateway's profile.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    });

    private Sha256() {
    }

    public static byte[] digest(byte[] data) {
        MessageDigest d = DIGEST.get();
        d.reset();
        return d.digest(data);
    }

    public static byte[] digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hexadecimal, 64 characters. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }
}
