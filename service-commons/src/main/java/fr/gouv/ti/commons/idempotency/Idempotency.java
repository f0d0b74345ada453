package fr.gouv.ti.commons.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for writes: the stored response is written in the same transaction as the write itself,
 * so an acknowledged write is replayed, never repeated, even across a crash. A transaction-scoped advisory lock on
 * (client, key) makes a concurrent duplicate fail fast with 409 instead of waiting.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public Idempotency(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Runs {@code write} once per (client, key). Must be called inside the write's transaction.
     *
     * @param fingerprint what identifies the request: method, path and canonical body (see {@link #fingerprint})
     */
    public Response execute(String clientId, String key, String fingerprint, Supplier<Response> write) {
        requireValidKey(key);
        Claim claim = new Claim(clientId, key, hash(fingerprint));
        Claimed claimed = claimAll(List.of(claim)).get(0);
        if (claimed.refusal() != null) {
            throw claimed.refusal();
        }
        if (claimed.replay() != null) {
            return claimed.replay();
        }
        Response response = write.get();
        storeAll(List.of(claim), List.of(response));
        return response;
    }

    /** A missing or malformed key is the client's mistake: 400 before anything runs. */
    public static void requireValidKey(String key) {
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest("The Idempotency-Key header is required on this write (any unique "
                    + "string up to 255 printable characters, e.g. a UUID).");
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 255 printable ASCII characters.");
        }
    }

    /** The hash stored with a key's record: the same request always gives the same one. */
    public static String hash(String fingerprint) {
        return sha256(fingerprint);
    }

    /** A write's claim on its (client, key), with the hash of its fingerprint ({@link #hash}). */
    public record Claim(String clientId, String key, String hash) {
    }

    /**
     * What {@link #claimAll} found for a claim: a response to replay, a refusal (422 key reused with another body,
     * 409 in flight elsewhere), the index of an earlier claim of the same batch with the same key and body (which
     * answers for it), or nothing: the key is new and held by this transaction.
     */
    public record Claimed(Response replay, ProblemException refusal, int sameAs) {
        public boolean isNew() {
            return replay == null && refusal == null && sameAs < 0;
        }
    }

    /**
     * Claims the keys of a batch of writes inside the batch's transaction, with the meaning {@link #execute} gives
     * one key: one advisory-lock statement and one lookup for the whole batch. Within the batch, a key repeated
     * with the same body is answered by its first occurrence (one effect), with another body refused with 422.
     */
    public List<Claimed> claimAll(List<Claim> claims) {
        List<Claimed> out = new ArrayList<>(claims.size());
        Map<String, Integer> first = new HashMap<>();
        List<Integer> leaders = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim c = claims.get(i);
            Integer earlier = first.putIfAbsent(lockName(c.clientId(), c.key()), i);
            if (earlier == null) {
                out.add(null);
                leaders.add(i);
            } else if (claims.get(earlier).hash().equals(c.hash())) {
                out.add(new Claimed(null, null, earlier));
            } else {
                out.add(new Claimed(null, reused(), -1));
            }
        }
        if (leaders.isEmpty()) {
            return out;
        }
        String[] names = leaders.stream().map(i -> lockName(claims.get(i).clientId(), claims.get(i).key()))
                .toArray(String[]::new);
        try (Connection c = dataSource.getConnection()) {
            boolean[] held = new boolean[names.length];
            try (PreparedStatement ps = c.prepareStatement("""
                    select pg_try_advisory_xact_lock(hashtextextended(n, 7))
                    from unnest(?::text[]) with ordinality as k(n, ord) order by ord""")) {
                ps.setArray(1, c.createArrayOf("text", names));
                try (ResultSet rs = ps.executeQuery()) {
                    for (int i = 0; rs.next(); i++) {
                        held[i] = rs.getBoolean(1);
                    }
                }
            }
            Map<String, Integer> byName = new HashMap<>();
            for (int j = 0; j < names.length; j++) {
                byName.put(names[j], leaders.get(j));
                if (!held[j]) {
                    out.set(leaders.get(j), new Claimed(null, inFlight(), -1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select client_id, idem_key, request_hash, response_status, response_body, location
                    from idempotency_record
                    where (client_id, idem_key) in (select * from unnest(?::text[], ?::text[]))""")) {
                ps.setArray(1, c.createArrayOf("text", leaders.stream().map(i -> claims.get(i).clientId()).toArray()));
                ps.setArray(2, c.createArrayOf("text", leaders.stream().map(i -> claims.get(i).key()).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int i = byName.get(lockName(rs.getString(1), rs.getString(2)));
                        if (out.get(i) == null) {
                            out.set(i, rs.getString(3).equals(claims.get(i).hash())
                                    ? new Claimed(replay(rs.getInt(4), rs.getString(5), rs.getString(6)), null, -1)
                                    : new Claimed(null, reused(), -1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store unavailable", e);
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, new Claimed(null, null, -1));
            }
        }
        return out;
    }

    /** Stores the responses of newly claimed keys in one statement, in the batch's transaction. */
    public void storeAll(List<Claim> claims, List<Response> responses) {
        if (claims.isEmpty()) {
            return;
        }
        int n = claims.size();
        String[][] text = new String[5][n];
        Integer[] statuses = new Integer[n];
        for (int i = 0; i < n; i++) {
            Response r = responses.get(i);
            text[0][i] = claims.get(i).clientId();
            text[1][i] = claims.get(i).key();
            text[2][i] = claims.get(i).hash();
            text[3][i] = bodyOf(r);
            text[4][i] = r.getLocation() == null ? null : r.getLocation().toString();
            statuses[i] = r.getStatus();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into idempotency_record (client_id, idem_key, request_hash, response_status,
                                                     response_body, location)
                     select client_id, idem_key, request_hash, status, body, location
                     from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                          as r(client_id, idem_key, request_hash, status, body, location)""")) {
            ps.setArray(1, c.createArrayOf("text", text[0]));
            ps.setArray(2, c.createArrayOf("text", text[1]));
            ps.setArray(3, c.createArrayOf("text", text[2]));
            ps.setArray(4, c.createArrayOf("int4", statuses));
            ps.setArray(5, c.createArrayOf("text", text[3]));
            ps.setArray(6, c.createArrayOf("text", text[4]));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store unavailable", e);
        }
    }

    /** The answer to a repeat of a request within one batch: the first one's, marked as a replay. */
    public static Response replayOf(Response first) {
        return Response.fromResponse(first).header(REPLAYED_HEADER, "true").build();
    }

    private static String lockName(String clientId, String key) {
        return clientId + "\n" + key; // keys are printable ASCII: a newline cannot occur in them
    }

    private static ProblemException reused() {
        return ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used for a different request; use a new key.");
    }

    private static ProblemException inFlight() {
        return ProblemException.conflict("idempotency-in-progress", "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry in a moment.")
                .withHeader("Retry-After", "1");
    }

    private String bodyOf(Response response) {
        try {
            return response.getEntity() == null ? null : json.writeValueAsString(response.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Canonical fingerprint of a request: the same JSON with fields in another order gives the same value. */
    public String fingerprint(String method, String path, Object body) {
        try {
            JsonNode tree = json.valueToTree(body);
            return method + " " + path + "\n" + json.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(json.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response replay(int status, String body, String location) {
        Response.ResponseBuilder b = Response.status(status).header(REPLAYED_HEADER, "true");
        if (body != null) {
            try {
                b.entity(json.readTree(body)).type("application/json");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (location != null) {
            b.header("Location", location);
        }
        return b.build();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
