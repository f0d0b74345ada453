package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.EmbeddedInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct reads of the service's database, to check what was (not) written. */
final class Db {

    private Db() {
    }

    static long count(String sql, Object... params) {
        Object v = value(sql, params);
        return v == null ? 0 : ((Number) v).longValue();
    }

    static String string(String sql, Object... params) {
        Object v = value(sql, params);
        return v == null ? null : v.toString();
    }

    static Object value(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("contract"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows written for a contract anywhere: transitions, actions, outbox events, audit. */
    static long rowsAbout(String contractId) {
        return count("select count(*) from contract_transition where contract_id = ?::uuid", contractId)
                + count("select count(*) from action where contract_id = ?::uuid", contractId)
                + count("select count(*) from outbox_event where aggregate_id = ?", contractId)
                + count("select count(*) from audit_log where resource_id = ?", contractId);
    }
}
