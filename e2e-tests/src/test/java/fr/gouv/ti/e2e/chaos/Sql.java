package fr.gouv.ti.e2e.chaos;

import fr.gouv.ti.e2e.Suite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The few queries the audit makes, each on one app's database. */
final class Sql {

    private Sql() {
    }

    static long count(String db, String sql, Object... args) throws SQLException {
        try (Connection c = Suite.database(db); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Set<String> strings(String db, String sql, Object... args) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = Suite.database(db); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** First column to the second, read as text: copies per marker, or a projection's values per key. */
    static Map<String, String> pairs(String db, String sql, Object... args) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = Suite.database(db); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String[] values) {
                ps.setArray(i + 1, c.createArrayOf("text", values));
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
        return ps;
    }
}
