package fr.gouv.ti.commons.audit;

import fr.gouv.ti.commons.correlation.Correlation;
import fr.gouv.ti.commons.security.Caller;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Who did what, when, under which correlation id: one row per write, in the write's own transaction. Read back by
 * {@link AuditTrail}.
 */
@ApplicationScoped
public class AuditLog {

    private final AgroalDataSource dataSource;

    public AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(Caller caller, String action, String resourceType, String resourceId, String requestHash) {
        record(caller, action, resourceType, resourceId, requestHash, Concerns.NONE);
    }

    /** A row of a write about a territory: the regions given read it in the audit trail. */
    public void record(Caller caller, String action, String resourceType, String resourceId, String requestHash,
                       Concerns concerns) {
        recordAll(List.of(new Row(caller, action, resourceType, resourceId, requestHash, Correlation.current(),
                concerns)));
    }

    /**
     * The territory a write is about, when the write knows it ({@code 2019-2022/ti-8411}) and the regions it belongs
     * to: a region reads the audit rows of its territories, and only those (with its own writes).
     */
    public record Concerns(String territory, List<String> regionCodes) {
        public static final Concerns NONE = new Concerns(null, List.of());

        public Concerns {
            regionCodes = regionCodes == null ? List.of()
                    : regionCodes.stream().filter(Objects::nonNull).distinct().toList();
        }

        public static Concerns territory(String phase, String tiId, String... regionCodes) {
            return new Concerns(phase == null || tiId == null ? null : phase + "/" + tiId, Arrays.asList(regionCodes));
        }
    }

    /** One audit row of a write posted by a batch writer on behalf of its request. */
    public record Row(Caller caller, String action, String resourceType, String resourceId, String requestHash,
                      String correlationId, Concerns concerns) {
        public Row {
            concerns = concerns == null ? Concerns.NONE : concerns;
        }

        public Row(Caller caller, String action, String resourceType, String resourceId, String requestHash,
                   String correlationId) {
            this(caller, action, resourceType, resourceId, requestHash, correlationId, Concerns.NONE);
        }
    }

    /** Writes the rows in one statement, in the caller's (batch) transaction. */
    public void recordAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[][] cols = new String[11][n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            cols[0][i] = r.caller().clientId();
            cols[1][i] = r.caller().clientName();
            cols[2][i] = r.caller().role().claim();
            cols[3][i] = scopeOf(r.caller());
            cols[4][i] = r.action();
            cols[5][i] = r.resourceType();
            cols[6][i] = r.resourceId();
            cols[7][i] = r.correlationId();
            cols[8][i] = r.requestHash();
            cols[9][i] = r.concerns().territory();
            // region codes are two digits (or 2A-style): a comma never occurs in one
            cols[10][i] = r.concerns().regionCodes().isEmpty() ? null : String.join(",", r.concerns().regionCodes());
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into audit_log (actor, client_name, role, scope, action, resource_type, resource_id,
                                            correlation_id, request_hash, territory, region_codes)
                     select a, b, r, s, act, rt, ri, co, rh, t, string_to_array(rc, ',')
                     from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                          as u(a, b, r, s, act, rt, ri, co, rh, t, rc)""")) {
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the audit log", e);
        }
    }

    /** The scope column of a caller's rows: what an operator's or a region's audit reads select on. */
    static String scopeOf(Caller c) {
        return switch (c.role()) {
            case REGION -> "region:" + c.regionCode();
            case OPERATOR -> "operator:" + c.operatorCode();
            case TERRITORY_TEAM -> "territory:" + c.phase() + "/" + c.tiId();
            default -> null;
        };
    }
}
