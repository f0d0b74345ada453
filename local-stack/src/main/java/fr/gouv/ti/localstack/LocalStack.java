package fr.gouv.ti.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * Starts the whole suite on this machine with no container engine, and stops it cleanly on Ctrl-C:
 * a persistent embedded PostgreSQL (one database per service), an Apache Kafka broker in KRaft mode, the four
 * services and the gateway. State lives under {@code .run/} of the checkout, so a restart keeps the data.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * Apps starting at the same time (TI_STARTING_AT_ONCE): one, on two cores. An app's start is CPU-bound (the main
     * thread and the JIT compiler threads); two at a time took 5-6 s each, one at a time 2-3 s each, for about the
     * same total.
     */
    private static final int STARTING_AT_ONCE = Integer.parseInt(System.getenv().getOrDefault("TI_STARTING_AT_ONCE",
            String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors() - 1))));
    static final String LOG_FORMAT = "%d{HH:mm:ss.SSS} %-5p [%c{2.}] (%t) [cid:%X{correlationId}] %s%e%n";

    private final StackLayout layout;
    private final Map<Service, AppProcess> apps = new LinkedHashMap<>();
    private String adminKey;
    private EmbeddedPostgresServer postgres;
    private KafkaServerProcess kafka;

    public LocalStack(StackLayout layout) {
        this.layout = layout;
    }

    public static void main(String[] args) throws Exception {
        StackLayout layout = StackLayout.fromEnvironment(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        LocalStack stack = new LocalStack(layout);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (StackException e) {
            System.err.println();
            System.err.println("Cannot start the suite: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** Starts everything and returns once every app is ready. */
    public void start() throws Exception {
        long t0 = System.nanoTime();
        layout.prepareDirectories();
        ProcessCleanup.killLeftovers(layout);
        Ports.requireFree(layout.portsByOwner());

        // PostgreSQL and the broker start side by side: the apps need both, and each needs a core for a few seconds
        log("starting PostgreSQL on port %d (data: %s)", layout.postgresPort(), layout.relative(layout.postgresData()));
        log("starting Kafka on port %d (log: %s)", layout.kafkaPort(), layout.relative(layout.log("kafka")));
        kafka = new KafkaServerProcess(layout);
        CompletableFuture<Void> kafkaReady = CompletableFuture.runAsync(() -> {
            try {
                kafka.start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        postgres = new EmbeddedPostgresServer(layout);
        postgres.start();
        for (Service s : Service.values()) {
            postgres.ensureDatabase(s.database());
        }
        IdentityKeys keys = IdentityKeys.loadOrCreate(layout.keysDir());
        adminKey = AdminKey.loadOrCreate(layout.stateDir().resolve("admin-api-key"));
        join(kafkaReady);
        log("PostgreSQL and Kafka ready after %.1f s", (System.nanoTime() - t0) / 1e9);

        // all five at once made each take 12 s instead of 3
        Semaphore cores = new Semaphore(STARTING_AT_ONCE);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Service s : Service.values()) {
            AppProcess app = new AppProcess(s, layout, environmentFor(s, keys, adminKey));
            apps.put(s, app);
            cores.acquire();
            app.start();
            log("starting %-17s on port %d (log: %s)", s.module(), layout.port(s), layout.relative(layout.log(s.module())));
            ready.add(CompletableFuture.runAsync(() -> {
                try {
                    app.awaitReady(Duration.ofSeconds(240));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                } finally {
                    cores.release();
                }
            }));
        }
        for (CompletableFuture<Void> f : ready) {
            join(f);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        String gateway = "http://localhost:" + layout.port(Service.GATEWAY);
        System.out.println();
        System.out.println("Territoires d'industrie suite is ready (" + seconds + " s).");
        System.out.println("  Gateway:    " + gateway);
        System.out.println("  Console:    " + gateway + "/console");
        System.out.println("  Health:     http://localhost:" + layout.managementPort(Service.GATEWAY)
                + "/q/health/ready   (management interface; each app's is its port + 1000)");
        System.out.println("  Admin key:  " + adminKey + "   (national administrator; also in "
                + layout.relative(layout.stateDir().resolve("admin-api-key")) + ")");
        System.out.println("  Logs:       " + layout.logsDir());
        System.out.println("Press Ctrl-C to stop.");
    }

    private static void join(CompletableFuture<Void> f) throws Exception {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Map<String, String> environmentFor(Service s, IdentityKeys keys, String adminKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(layout.port(s)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(layout.managementPort(s)));
        // each app writes its log itself, off the request threads (async handler), rotated at 10 MB with 3 old
        // files kept: a long load test or a week of running cannot fill the disk
        env.put("QUARKUS_LOG_CONSOLE_ENABLED", "false");
        env.put("QUARKUS_LOG_FILE_ENABLED", "true");
        env.put("QUARKUS_LOG_FILE_PATH", layout.log(s.module()).toString());
        env.put("QUARKUS_LOG_FILE_FORMAT", LOG_FORMAT);
        env.put("QUARKUS_LOG_FILE_ASYNC_ENABLED", "true");
        env.put("QUARKUS_LOG_FILE_ROTATION_MAX_FILE_SIZE", "10M");
        env.put("QUARKUS_LOG_FILE_ROTATION_MAX_BACKUP_INDEX", "3");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(s.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", s.database());
        env.put("QUARKUS_DATASOURCE_PASSWORD", s.database());
        if (s == Service.GATEWAY) {
            for (Service d : Service.values()) {
                if (d != Service.GATEWAY) {
                    env.put("TI_GATEWAY_SERVICES_" + d.name() + "_URL", "http://127.0.0.1:" + layout.port(d));
                    env.put("TI_GATEWAY_SERVICES_" + d.name() + "_MANAGEMENT_URL",
                            "http://127.0.0.1:" + layout.managementPort(d));
                }
            }
            env.put("TI_GATEWAY_IDENTITY_PRIVATE_KEY_LOCATION", keys.privateKey().toString());
            env.put("TI_GATEWAY_BOOTSTRAP_ADMIN_KEY", adminKey);
            env.put("TI_GATEWAY_LOCAL_RUN", "true");
        } else {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        }
        if (s == Service.WEBHOOK) {
            // a local run delivers to receivers on this machine, over plain http, and retries within seconds
            env.put("TI_WEBHOOK_TARGETS_ALLOW_PRIVATE", "true");
            env.put("TI_WEBHOOK_TARGETS_REQUIRE_HTTPS", "false");
            env.put("TI_WEBHOOK_DELIVERY_INITIAL_BACKOFF", "500ms");
            env.put("TI_WEBHOOK_DELIVERY_MAX_BACKOFF", "5s");
            env.put("TI_WEBHOOK_DELIVERY_REQUEST_TIMEOUT", "2s");
            env.put("TI_WEBHOOK_DELIVERY_LEASE", "10s");
        }
        return env;
    }

    public String gatewayUrl() {
        return "http://localhost:" + layout.port(Service.GATEWAY);
    }

    /** The management interface of an app (health, metrics, OpenAPI document), e.g. for tests and the benchmark. */
    public String managementUrl(String module) {
        return "http://localhost:" + layout.managementPort(Service.byModule(module));
    }

    public String adminKey() {
        return adminKey;
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Fault injection: kill -9 of one app. */
    public void kill(String module) {
        apps.get(Service.byModule(module)).kill();
    }

    /** Starts again an app that was killed, and waits until it is ready. */
    public void restart(String module) throws Exception {
        AppProcess app = apps.get(Service.byModule(module));
        app.start();
        app.awaitReady(Duration.ofSeconds(240));
    }

    public void stopKafka() {
        kafka.stop();
    }

    public void startKafka() throws Exception {
        kafka.start();
    }

    /** Fault injection: kill -9 of the broker's process (no clean shutdown, no flush). */
    public void killKafka() {
        kafka.kill();
    }

    /**
     * Fault injection: kill -9 of the PostgreSQL postmaster; its backends exit when they see it gone. The next
     * {@link #startPostgres()} runs crash recovery from the write-ahead log.
     */
    public void killPostgres() {
        postgres.kill();
    }

    public void stopPostgres() {
        postgres.stop();
    }

    public void startPostgres() throws Exception {
        postgres.start();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void stop() {
        if (apps.isEmpty() && kafka == null && postgres == null) {
            return;
        }
        log("stopping...");
        List<AppProcess> reversed = new ArrayList<>(apps.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(AppProcess::signalStop);
        reversed.forEach(app -> app.awaitStop(Duration.ofSeconds(20)));
        apps.clear();
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
        try {
            Files.deleteIfExists(layout.pidsDir().resolve("launcher.pid"));
        } catch (IOException ignored) {
            // best effort
        }
        log("stopped; data kept in %s", layout.stateDir());
    }

    static void log(String format, Object... args) {
        System.out.println("[local-stack] " + String.format(format, args));
    }
}
