package fr.gouv.ti.commons.audit;

import fr.gouv.ti.commons.correlation.Correlation;
import fr.gouv.ti.commons.security.Caller;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Who did what, when, under which correlation id: one row per write, in the write's own transaction. */
@ApplicationScoped
public class AuditLog {

    private final AgroalDataSource dataSource;

    public AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(Caller caller, String action, String resourceType, String resourceId, String requestHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into audit_log (actor, client_name, role, scope, action, resource_type, resource_id,
                                            correlation_id, request_hash)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, caller.clientId());
            ps.setString(2, caller.clientName());
            ps.setString(3, caller.role().claim());
            ps.setString(4, scopeOf(caller));
            ps.setString(5, action);
            ps.setString(6, resourceType);
            ps.setString(7, resourceId);
            ps.setString(8, Correlation.current());
            ps.setString(9, requestHash);
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
