package fr.gouv.ti.commons.core.http;

import fr.gouv.ti.commons.core.hash.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Entity tags (RFC 9110 §8.8.3) and the comparisons of the conditional headers: {@code If-None-Match} compares
 * weakly (a {@code W/} prefix is ignored), {@code If-Match} strongly; both accept a comma-separated list and
 * {@code *}.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag for a representation, from its bytes: equal bytes, equal tag. */
    public static String ofContent(byte[] body) {
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(body)).substring(0, 22) + "\"";
    }

    public static String ofContent(String body) {
        return ofContent(body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code If-None-Match}: true when the client's copy is current (the server answers 304). */
    public static boolean noneMatchFails(String ifNoneMatch, String currentTag) {
        return ifNoneMatch != null && currentTag != null && matches(ifNoneMatch, currentTag, true);
    }

    /** Whether a header's list names the current tag ({@code *} names any). */
    public static boolean matches(String header, String currentTag, boolean weak) {
        String current = weak ? opaque(currentTag) : currentTag.trim();
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (weak ? opaque(c).equals(current) : (!c.startsWith("W/") && c.equals(current))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String t = tag.trim();
        return t.startsWith("W/") ? t.substring(2) : t;
    }
}
