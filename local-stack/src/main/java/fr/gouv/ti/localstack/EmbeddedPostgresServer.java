package fr.gouv.ti.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * SIGKILL of the postmaster, read from its pid file. Its backends notice and exit; a backend still alive after
     * 10 s is killed too, since a new postmaster refuses to start while one holds the old shared memory.
     */
    void kill() {
        if (postgres == null) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(layout.postgresData().resolve("postmaster.pid")).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
            if (postmaster != null) {
                List<ProcessHandle> backends = postmaster.children().toList();
                postmaster.destroyForcibly();
                postmaster.onExit().get(10, TimeUnit.SECONDS);
                for (ProcessHandle backend : backends) {
                    try {
                        backend.onExit().get(10, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        backend.destroyForcibly();
                        backend.onExit().get(10, TimeUnit.SECONDS);
                    }
                }
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new StackException("could not kill PostgreSQL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close(); // pg_ctl finds no server; what matters is that the data directory's lock is released
        } catch (IOException | RuntimeException expected) {
            LocalStack.log("PostgreSQL killed: %s", expected.getMessage());
        }
        postgres = null;
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
