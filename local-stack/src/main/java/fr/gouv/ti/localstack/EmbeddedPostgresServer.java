package fr.gouv.ti.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL from the binaries shipped as a Maven artifact, with a data directory that survives restarts, run durably
 * (fsync, synchronous commit, full-page writes), as the system of record it stands for.
 */
final class EmbeddedPostgresServer {

    private final StackLayout layout;
    private EmbeddedPostgres postgres;

    EmbeddedPostgresServer(StackLayout layout) {
        this.layout = layout;
    }

    void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(layout.postgresData())
                .setCleanDataDirectory(false)
                .setPort(layout.postgresPort())
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "128MB")
                // durable: zonky's defaults (fsync and synchronous_commit off) could lose acknowledged commitments
                // or corrupt the data directory on a power cut; group commit in funding-service is what keeps
                // durable commits cheap
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // statement statistics for profiling (bench/report.sh PROFILE=1 reads them): a few % at most
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(layout.log("postgres").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(layout.log("postgres").toFile()))
                .start();
    }

    /** A database and a login role of the same name, owned by that role. */
    void ensureDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", name)) {
                s.execute("create role \"" + name + "\" login password '" + name + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                s.execute("create database \"" + name + "\" owner \"" + name + "\"");
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + layout.postgresPort() + "/" + database;
    }

    void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LocalStack.log("PostgreSQL did not stop cleanly: %s", e.getMessage());
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
