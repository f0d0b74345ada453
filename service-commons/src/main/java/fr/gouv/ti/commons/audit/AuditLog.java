package fr.gouv.ti.commons.audit;

import fr.gouv.ti.commons.correlation.Correlation;
import fr.gouv.ti.commons.security.Caller;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Who did what, when, under which correlation id: one row per write, in the write's own transaction. */
@ApplicationScoped
public class AuditLog {

    private final AgroalDataSource dataSource;

    public AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(Caller caller, String action, String resourceType, String resourceId, String requestHash) {
        recordAll(List.of(new Row(caller, action, resourceType, resourceId, requestHash, Correlation.current())));
    }

    /** One audit row of a write posted by a batch writer on behalf of its request. */
    public record Row(Caller caller, String action, String resourceType, String resourceId, String requestHash,
                      String correlationId) {
    }

    /** Writes the rows in one statement, in the caller's (batch) transaction. */
    public void recordAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[][] cols = new String[9][n];
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
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into audit_log (actor, client_name, role, scope, action, resource_type, resource_id,
                                            correlation_id, request_hash)
                     select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                          ?::text[], ?::text[], ?::text[])""")) {
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the audit log", e);
        }
    }

    private static String scopeOf(Caller c) {
        return switch (c.role()) {
            case REGION -> "region:" + c.regionCode();
            case OPERATOR -> "operator:" + c.operatorCode();
            case TERRITORY_TEAM -> "territory:" + c.phase() + "/" + c.tiId();
            default -> null;
        };
    }
}
