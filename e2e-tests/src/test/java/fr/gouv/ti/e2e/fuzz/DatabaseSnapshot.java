package fr.gouv.ti.e2e.fuzz;

import fr.gouv.ti.e2e.Suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The row count of every table of every database of the suite (outboxes, idempotency records and audit logs
 * included): equal before and after a run means the run wrote nothing anywhere.
 */
record DatabaseSnapshot(Map<String, Long> rows) {

    static final List<String> DATABASES = List.of("territory", "contract", "measure", "funding", "gateway");

    static DatabaseSnapshot take() {
        Map<String, Long> rows = new TreeMap<>();
        for (String db : DATABASES) {
            try (Connection c = Suite.database(db)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "select quote_ident(schemaname) || '.' || quote_ident(relname) from pg_stat_user_tables order by 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                if (tables.isEmpty()) {
                    continue;
                }
                StringBuilder sql = new StringBuilder();
                for (String t : tables) {
                    sql.append(sql.isEmpty() ? "" : " union all ").append("select '").append(t).append("', count(*) from ").append(t);
                }
                try (ResultSet rs = c.createStatement().executeQuery(sql.toString())) {
                    while (rs.next()) {
                        rows.put(db + ":" + rs.getString(1), rs.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count rows of " + db + ": " + e.getMessage(), e);
            }
        }
        return new DatabaseSnapshot(rows);
    }

    /** Tables whose row count differs, with before → after. */
    Map<String, String> differences(DatabaseSnapshot after) {
        Map<String, String> diff = new TreeMap<>();
        for (Map.Entry<String, Long> e : after.rows.entrySet()) {
            Long before = rows.get(e.getKey());
            if (!e.getValue().equals(before)) {
                diff.put(e.getKey(), before + " → " + e.getValue());
            }
        }
        return diff;
    }
}
