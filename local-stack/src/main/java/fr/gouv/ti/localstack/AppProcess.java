package fr.gouv.ti.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Quarkus application of the suite, run from its fast-jar as a child JVM. */
final class AppProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final StackLayout layout;
    private final Map<String, String> env;
    private final ClassDataSharing classData;
    private Process process;
    private long startedAt;

    AppProcess(Service service, StackLayout layout, Map<String, String> env) {
        this.service = service;
        this.layout = layout;
        this.env = env;
        this.classData = ClassDataSharing.forQuarkusApp(layout.appJar(service));
    }

    void start() throws IOException {
        Path jar = layout.appJar(service);
        if (!Files.exists(jar)) {
            throw new StackException(jar + " is missing: build first (./mvnw -DskipTests install).");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(JvmOptions.forApp(service));
        cmd.addAll(classData.options());
        cmd.addAll(List.of("-jar", jar.toString()));
        // the app writes its own rotating log (see LocalStack); stdout keeps what the JVM itself prints
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(layout.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.console(service.module()).toFile()));
        pb.environment().putAll(env);
        JvmOptions.environment(pb.environment());
        startedAt = System.nanoTime();
        process = pb.start();
        Files.writeString(layout.pidsDir().resolve(service.module() + ".pid"), String.valueOf(process.pid()));
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + layout.managementPort(service) + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(service.module() + " exited during start (code " + process.exitValue()
                        + "); see " + layout.log(service.module()) + " and " + layout.console(service.module()));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    LocalStack.log("%-17s ready in %.1f s", service.module(), (System.nanoTime() - startedAt) / 1e9);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
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
            classData.afterExit(false);
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
            boolean clean = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!clean) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            classData.afterExit(clean);
            Files.deleteIfExists(layout.pidsDir().resolve(service.module() + ".pid"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // pid file
        }
    }
}
