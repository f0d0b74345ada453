package fr.gouv.ti.webhook;

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
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("webhook"), "postgres",
                "postgres"); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows a refused request must not have added: subscriptions, secrets, audit rows. */
    static long writes() {
        return count("select (select count(*) from subscription) + (select count(*) from subscription_secret) "
                + "+ (select count(*) from audit_log)");
    }
}
