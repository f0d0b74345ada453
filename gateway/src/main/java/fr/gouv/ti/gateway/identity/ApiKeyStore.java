package fr.gouv.ti.gateway.identity;

import fr.gouv.ti.commons.core.change.NotifiedCache;
import fr.gouv.ti.commons.core.hash.Sha256;
import fr.gouv.ti.gateway.config.GatewayConfig;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys, stored as SHA-256 hashes. A request's key is looked up once (one index probe) and then served from the
 * cache ({@link ApiKeyChangeListener}) until it expires or the key changes; a revocation reaches every gateway instance through NOTIFY.
 */
@ApplicationScoped
public class ApiKeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiKeyStore.class);
    /** The id of the key given by the configuration (TI_GATEWAY_BOOTSTRAP_ADMIN_KEY). */
    public static final String BOOTSTRAP_ID = "bootstrap-admin";

    /** The form of the keys this gateway issues ({@code ti_} and 43 base64url characters), with room for longer ones. */
    private static final java.util.regex.Pattern KEY_FORM = java.util.regex.Pattern.compile("ti_[A-Za-z0-9_-]{32,128}");

    private final AgroalDataSource dataSource;
    private final GatewayConfig config;
    private final NotifiedCache<String, GatewayCaller> cache;

    public ApiKeyStore(AgroalDataSource dataSource, GatewayConfig config, NotifiedCache<String, GatewayCaller> cache) {
        this.dataSource = dataSource;
        this.config = config;
        this.cache = cache;
    }

    /** A presented key that cannot be one of ours is refused without a lookup. */
    public static boolean wellFormed(String presentedKey) {
        return presentedKey != null && KEY_FORM.matcher(presentedKey).matches();
    }

    /** The answer for a key, if the cache has it: no database round trip, safe on the event loop. */
    public Optional<Optional<GatewayCaller>> cached(String presentedKey) {
        return cache.get(hash(presentedKey));
    }

    void bootstrap(@Observes StartupEvent ev) throws SQLException {
        applyBootstrapKey(config.bootstrapAdminKey().filter(k -> !k.isBlank()).map(String::trim), config.localRun());
    }

    /**
     * The bootstrap key of the configuration: a strong key is stored (a new value reactivates it, the same value
     * keeps a revocation); no key deactivates the stored one, and is refused while no other national administrator
     * key exists. Outside a local run a weak key stops the start.
     */
    void applyBootstrapKey(Optional<String> key, boolean localRun) throws SQLException {
        if (key.isPresent() && !strong(key.get())) {
            if (!localRun) {
                throw new IllegalStateException("ti.gateway.bootstrap-admin-key (TI_GATEWAY_BOOTSTRAP_ADMIN_KEY) is weak: "
                        + "use ti_ followed by at least 43 random characters, e.g. ti_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')");
            }
            LOG.warn("the bootstrap admin key is weak; accepted only because ti.gateway.local-run is true");
        }
        try (Connection c = dataSource.getConnection()) {
            if (key.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        update api_key set revoked_at = now(), revoked_by = 'configuration'
                        where id = ? and revoked_at is null""")) {
                    ps.setString(1, BOOTSTRAP_ID);
                    if (ps.executeUpdate() > 0) {
                        LOG.info("bootstrap admin key deactivated: TI_GATEWAY_BOOTSTRAP_ADMIN_KEY is no longer set");
                    }
                }
                if (!localRun && !activeNationalAdminExists(c)) {
                    throw new IllegalStateException("no national administrator key exists and "
                            + "ti.gateway.bootstrap-admin-key (TI_GATEWAY_BOOTSTRAP_ADMIN_KEY) is not set: set it for "
                            + "the first start (see README, Production)");
                }
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into api_key (id, name, key_hash, key_prefix, role, created_by)
                    values (?, 'Bootstrap national administrator', ?, ?, 'national-admin', 'configuration')
                    on conflict (id) do update set key_hash = excluded.key_hash, key_prefix = excluded.key_prefix,
                        revoked_at = case when api_key.key_hash = excluded.key_hash then api_key.revoked_at end,
                        revoked_by = case when api_key.key_hash = excluded.key_hash then api_key.revoked_by end""")) {
                ps.setString(1, BOOTSTRAP_ID);
                ps.setString(2, hash(key.get()));
                ps.setString(3, prefix(key.get()));
                ps.executeUpdate();
            }
        }
    }

    /** {@code ti_} and at least 43 characters of the key alphabet (256 bits in base64url), not a repeated pattern. */
    static boolean strong(String key) {
        return key.matches("ti_[A-Za-z0-9_-]{43,128}") && key.substring(3).chars().distinct().count() >= 16;
    }

    private static boolean activeNationalAdminExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from api_key where role = 'national-admin' and revoked_at is null limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Looks the key up in the database (blocking) unless cached, and keeps the answer in the cache. */
    public Optional<GatewayCaller> authenticate(String presentedKey) {
        return cache.get(hash(presentedKey), this::lookup);
    }

    private Optional<GatewayCaller> lookup(String hash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, name, role, region_code, operator_code, phase, ti_id
                from api_key where key_hash = ? and revoked_at is null""")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new GatewayCaller(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API key store unavailable", e);
        }
    }

    /** Creates a key; the clear key is returned once and never stored. */
    public IssuedKey issue(NewKey request, String actor, String correlationId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = "ti_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String id = "key_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into api_key (id, name, key_hash, key_prefix, role, region_code, operator_code, phase, ti_id, created_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, id);
                ps.setString(2, request.name());
                ps.setString(3, hash(key));
                ps.setString(4, prefix(key));
                ps.setString(5, request.role());
                ps.setString(6, request.regionCode());
                ps.setString(7, request.operatorCode());
                ps.setString(8, request.phase());
                ps.setString(9, request.tiId());
                ps.setString(10, actor);
                ps.executeUpdate();
            }
            audit(c, actor, "api-key.create", id, correlationId);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the API key", e);
        }
        return new IssuedKey(describe(id).orElseThrow(), key);
    }

    public boolean revoke(String id, String actor, String correlationId) {
        String revokedHash = null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "update api_key set revoked_at = now(), revoked_by = ? where id = ? and revoked_at is null returning key_hash")) {
                ps.setString(1, actor);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        revokedHash = rs.getString(1);
                    }
                }
            }
            if (revokedHash != null) {
                audit(c, actor, "api-key.revoke", id, correlationId);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke the API key", e);
        }
        if (revokedHash != null) {
            // this instance refuses the key at once; the others hear the NOTIFY of the trigger
            cache.invalidate(revokedHash);
        }
        return revokedHash != null;
    }

    public List<KeyDescription> list() {
        List<KeyDescription> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                SELECT_DESCRIPTION + " order by created_at, id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(description(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API key store unavailable", e);
        }
        return keys;
    }

    public Optional<KeyDescription> describe(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                SELECT_DESCRIPTION + " where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(description(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API key store unavailable", e);
        }
    }

    private static final String SELECT_DESCRIPTION = """
            select id, name, key_prefix, role, region_code, operator_code, phase, ti_id, created_at, created_by,
                   revoked_at from api_key""";

    private static KeyDescription description(ResultSet rs) throws SQLException {
        java.sql.Timestamp revoked = rs.getTimestamp(11);
        return new KeyDescription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10),
                revoked == null ? null : revoked.toInstant());
    }

    private static void audit(Connection c, String actor, String action, String id, String correlationId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into admin_audit (actor, action, api_key_id, correlation_id) values (?, ?, ?, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, id);
            ps.setString(4, correlationId);
            ps.executeUpdate();
        }
    }

    static String hash(String key) {
        return Sha256.hex(key);
    }

    private static String prefix(String key) {
        return key.substring(0, Math.min(8, key.length()));
    }

    public record NewKey(String name, String role, String regionCode, String operatorCode, String phase, String tiId) {
    }

    public record KeyDescription(String id, String name, String keyPrefix, String role, String regionCode,
                                 String operatorCode, String phase, String tiId, Instant createdAt, String createdBy,
                                 Instant revokedAt) {
    }

    public record IssuedKey(KeyDescription description, String key) {
    }
}
