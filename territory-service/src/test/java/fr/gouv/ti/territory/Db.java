package fr.gouv.ti.territory;

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
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("territory"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A write made behind the service's back, as another instance of it would. */
    static int execute(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("territory"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of the tables an import or an admin write touches: equal before and after means nothing was written. */
    static String fingerprint() {
        return count("select count(*) from territory") + "/" + count("select count(*) from territory_member") + "/"
                + count("select count(*) from territory_member where valid_to is not null") + "/"
                + count("select coalesce(sum(version), 0) from territory") + "/"
                + count("select count(*) from outbox_event") + "/" + count("select count(*) from audit_log");
    }
}
