package fr.gouv.ti.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** An Apache Kafka broker (KRaft, combined broker and controller) in a child JVM, with persistent logs. */
final class KafkaServerProcess {

    private final StackLayout layout;
    private final ClassDataSharing classData;
    private Process process;

    KafkaServerProcess(StackLayout layout) {
        this.layout = layout;
        Path target = layout.root().resolve("local-stack").resolve("target");
        this.classData = ClassDataSharing.forClassPath(Files.isDirectory(target) ? target : layout.stateDir(), "kafka",
                System.getProperty("java.class.path"));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + layout.kafkaPort();
    }

    void start() throws Exception {
        Path data = layout.kafkaData().resolve("data");
        Path config = layout.kafkaData().resolve("server.properties");
        Files.writeString(config, properties(data));
        if (!Files.exists(data.resolve("meta.properties"))) {
            Files.createDirectories(data);
            try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
                new Formatter().setPrintStream(quiet).setClusterId(Uuid.randomUuid().toString()).setNodeId(1)
                        .setControllerListenerName("CONTROLLER").setMetadataLogDirectory(data.toString())
                        .setDirectories(Set.of(data.toString())).setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(JvmOptions.forKafka());
        cmd.addAll(classData.options());
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
                "-cp", System.getProperty("java.class.path"), "kafka.Kafka", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log("kafka").toFile()));
        JvmOptions.environment(pb.environment());
        process = pb.start();
        Files.writeString(layout.pidsDir().resolve("kafka.pid"), String.valueOf(process.pid()));
        awaitReady(Duration.ofSeconds(90));
    }

    /** SIGKILL: what the broker wrote but did not flush is for its log recovery to sort out at the next start. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(false, 10);
    }

    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(true, 30);
    }

    /** Waits for the process to end (forcibly after the grace period when stopping cleanly), then forgets it. */
    private void awaitExit(boolean stopping, int graceSeconds) {
        try {
            boolean clean = process.waitFor(graceSeconds, TimeUnit.SECONDS) && stopping;
            if (stopping && !clean) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            classData.afterExit(clean);
            Files.deleteIfExists(layout.pidsDir().resolve("kafka.pid"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // pid file
        }
        process = null;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException("Kafka exited during start; see " + layout.log("kafka"));
            }
            try (Admin admin = Admin.create(conf)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                // not yet
            }
        }
        throw new StackException("Kafka not ready after " + timeout.toSeconds() + " s; see " + layout.log("kafka"));
    }

    private String properties(Path data) {
        int port = layout.kafkaPort();
        int cport = layout.kafkaControllerPort();
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + cport,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + cport,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.retention.hours=-1",
                "") ;
    }
}
