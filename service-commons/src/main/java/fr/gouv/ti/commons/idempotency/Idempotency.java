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
import java.util.HexFormat;
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
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest("The Idempotency-Key header is required on this write (any unique "
                    + "string up to 255 printable characters, e.g. a UUID).");
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 255 printable ASCII characters.");
        }
        String hash = sha256(fingerprint);
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c, clientId, key)) {
                throw ProblemException.conflict("idempotency-in-progress", "Request in progress",
                        "A request with this Idempotency-Key is still being processed; retry in a moment.")
                        .withHeader("Retry-After", "1");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select request_hash, response_status, response_body, location
                    from idempotency_record where client_id = ? and idem_key = ?""")) {
                ps.setString(1, clientId);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(hash)) {
                            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
                                    "This Idempotency-Key was already used for a different request; use a new key.");
                        }
                        return replay(rs.getInt(2), rs.getString(3), rs.getString(4));
                    }
                }
            }
            Response response = write.get();
            store(c, clientId, key, hash, response);
            return response;
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency store unavailable", e);
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

    private boolean tryLock(Connection c, String clientId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(hashtextextended(?, 7))")) {
            ps.setString(1, clientId + "\n" + key); // keys are printable ASCII: a newline cannot occur in them (PostgreSQL text refuses NUL)
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void store(Connection c, String clientId, String key, String hash, Response response) throws SQLException {
        String body;
        try {
            body = response.getEntity() == null ? null : json.writeValueAsString(response.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into idempotency_record (client_id, idem_key, request_hash, response_status, response_body, location)
                values (?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, clientId);
            ps.setString(2, key);
            ps.setString(3, hash);
            ps.setInt(4, response.getStatus());
            ps.setString(5, body);
            ps.setString(6, response.getLocation() == null ? null : response.getLocation().toString());
            ps.executeUpdate();
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
