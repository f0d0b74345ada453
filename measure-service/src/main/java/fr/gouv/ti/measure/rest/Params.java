package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Blank filters read as absent, and request hashes for the audit log (dates and numbers: QueryParams in service-commons). */
final class Params {

    private Params() {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** SHA-256 of the canonical JSON of a request body, recorded in the audit log. */
    static String hash(ObjectMapper json, String method, String path, Object body) {
        try {
            String canonical = method + " " + path + "\n" + (body == null ? ""
                    : json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(json.treeToValue(json.valueToTree(body), Object.class)));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
