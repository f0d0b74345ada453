package fr.gouv.ti.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Quarkus application of the suite, run from its fast-jar as a child JVM. */
final class AppProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final StackLayout layout;
    private final Map<String, String> env;
    private Process process;

    AppProcess(Service service, StackLayout layout, Map<String, String> env) {
        this.service = service;
        this.layout = layout;
        this.env = env;
    }

    void start() throws IOException {
        Path jar = layout.appJar(service);
        if (!Files.exists(jar)) {
            throw new StackException(jar + " is missing: build first (./mvnw -DskipTests install).");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xms64m", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError",
                "-jar", jar.toString()))
                .directory(layout.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(service.module()).toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        Files.writeString(layout.pidsDir().resolve(service.module() + ".pid"), String.valueOf(process.pid()));
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + layout.port(service) + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(service.module() + " exited during start (code " + process.exitValue()
                        + "); see " + layout.log(service.module()));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    LocalStack.log("%-17s ready", service.module());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new StackException(service.module() + " not ready after " + timeout.toSeconds() + " s; see "
                + layout.log(service.module()));
    }

    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void signalStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    void awaitStop(Duration timeout) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(layout.pidsDir().resolve(service.module() + ".pid"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // pid file
        }
    }
}
