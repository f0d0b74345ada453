package fr.gouv.ti.commons.core.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The position of a row in a list ordered by time then id, newest first (the audit trails of the services and of
 * the gateway): the cursor a page gives for the next one is the last row's {@code (at, id)}, opaque to clients.
 * Times are kept to the microsecond, PostgreSQL's precision, so that the next page starts exactly after the row.
 */
public record TimeKeyset(Instant at, long id) {

    /** The opaque cursor of this position. */
    public String encode() {
        long micros = Math.multiplyExact(at.getEpochSecond(), 1_000_000L) + at.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor of {@link #encode()} holds; null for none (absent or blank).
     *
     * @throws IllegalArgumentException when it is not a cursor this API returned
     */
    public static TimeKeyset decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not a time keyset");
        }
        long micros = Long.parseLong(text.substring(0, colon));
        long id = Long.parseLong(text.substring(colon + 1));
        return new TimeKeyset(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L), id);
    }
}
