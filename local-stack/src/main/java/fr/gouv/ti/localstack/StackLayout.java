package fr.gouv.ti.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where things live and which ports they take; every port can be changed by an environment variable. */
public record StackLayout(Path root, Path stateDir, Map<Service, Integer> ports, int postgresPort, int kafkaPort,
                   int kafkaControllerPort) {

    static StackLayout fromEnvironment(Path root) {
        Map<Service, Integer> ports = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            ports.put(s, intEnv("TI_" + s.name() + "_PORT", s.defaultPort()));
        }
        Path state = System.getenv("TI_STACK_DIR") != null ? Path.of(System.getenv("TI_STACK_DIR")).toAbsolutePath()
                : root.resolve(".run");
        return new StackLayout(root, state, ports, intEnv("TI_POSTGRES_PORT", 15432), intEnv("TI_KAFKA_PORT", 19092),
                intEnv("TI_KAFKA_CONTROLLER_PORT", 19093));
    }

    /** A stack for tests: its own state directory and ports from {@code basePort} (gateway) upwards. */
    public static StackLayout forTests(Path root, Path stateDir, int basePort) {
        Map<Service, Integer> ports = new LinkedHashMap<>();
        ports.put(Service.GATEWAY, basePort);
        ports.put(Service.TERRITORY, basePort + 1);
        ports.put(Service.CONTRACT, basePort + 2);
        ports.put(Service.MEASURE, basePort + 3);
        ports.put(Service.FUNDING, basePort + 4);
        ports.put(Service.WEBHOOK, basePort + 8);
        return new StackLayout(root, stateDir, ports, basePort + 5, basePort + 6, basePort + 7);
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new StackException(name + "=" + v + " is not a port number");
        }
    }

    int port(Service s) {
        return ports.get(s);
    }

    /** The app's management interface (health, metrics, OpenAPI document): its API port + 1000. */
    int managementPort(Service s) {
        return ports.get(s) + 1000;
    }

    Map<String, Integer> portsByOwner() {
        Map<String, Integer> owners = new LinkedHashMap<>();
        owners.put("PostgreSQL (TI_POSTGRES_PORT)", postgresPort);
        owners.put("Kafka (TI_KAFKA_PORT)", kafkaPort);
        owners.put("Kafka controller (TI_KAFKA_CONTROLLER_PORT)", kafkaControllerPort);
        ports.forEach((s, p) -> owners.put(s.module() + " (TI_" + s.name() + "_PORT)", p));
        ports.forEach((s, p) -> owners.put(s.module() + " management (TI_" + s.name() + "_PORT + 1000)", p + 1000));
        return owners;
    }

    Path postgresData() {
        return stateDir.resolve("postgres");
    }

    Path kafkaData() {
        return stateDir.resolve("kafka");
    }

    Path keysDir() {
        return stateDir.resolve("keys");
    }

    Path logsDir() {
        return stateDir.resolve("logs");
    }

    Path pidsDir() {
        return stateDir.resolve("pids");
    }

    Path log(String name) {
        return logsDir().resolve(name + ".log");
    }

    /** What a process prints on its console (the JVM's own messages; the apps log to {@link #log}). */
    Path console(String name) {
        return logsDir().resolve(name + ".out");
    }

    Path appJar(Service s) {
        return root.resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    String relative(Path p) {
        return root.relativize(p).toString();
    }

    void prepareDirectories() {
        try {
            for (Path p : new Path[]{stateDir, keysDir(), logsDir(), pidsDir(), kafkaData()}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
