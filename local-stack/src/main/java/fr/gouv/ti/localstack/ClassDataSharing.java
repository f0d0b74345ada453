package fr.gouv.ti.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Application class-data sharing (JDK 13+ dynamic archives) for the JVMs the launcher starts: the first run of a
 * build records the classes it loaded into an archive when it exits, and later runs map them instead of loading and
 * verifying them again, which takes about a quarter off the start of each app and lowers its CPU at start.
 *
 * <p>The archive sits next to what it was made from (the app's {@code quarkus-app}, or {@code target/} for Kafka),
 * so a rebuild makes it stale: it is used only while newer than every jar it covers, and its name carries the JDK
 * version and a hash of the class path. The JVM writes it under a temporary name, renamed once the process has exited
 * cleanly, so a killed process or two stacks stopping at once never leave a half-written archive in place.
 */
final class ClassDataSharing {

    private final Path archive;
    private final List<Path> inputs;
    private Path pending;

    private ClassDataSharing(Path archive, List<Path> inputs) {
        this.archive = archive;
        this.inputs = inputs;
    }

    /** For a Quarkus fast-jar: the archive lives in {@code quarkus-app/} and covers its jars. */
    static ClassDataSharing forQuarkusApp(Path runJar) {
        Path app = runJar.getParent();
        return new ClassDataSharing(app.resolve("app-cds-" + jdk() + ".jsa"),
                List.of(runJar, app.resolve("app"), app.resolve("lib").resolve("main"), app.resolve("quarkus")));
    }

    /** For a JVM started on an explicit class path (Kafka). */
    static ClassDataSharing forClassPath(Path dir, String name, String classPath) {
        List<Path> jars = Stream.of(classPath.split(java.io.File.pathSeparator)).map(Path::of).toList();
        return new ClassDataSharing(dir.resolve(name + "-cds-" + jdk() + "-" + hash(classPath) + ".jsa"), jars);
    }

    /** Options for the next start: map the archive when it is current, else record one at exit. */
    List<String> options() {
        if (current()) {
            pending = null;
            // -Xshare:auto (the default): a mismatch is a warning and a start without sharing, never a failure
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        pending = archive.resolveSibling(archive.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        return List.of("-XX:ArchiveClassesAtExit=" + pending, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Called once the process has exited: keeps the archive it wrote, if it wrote one in full. */
    void afterExit(boolean exitedCleanly) {
        if (pending == null) {
            return;
        }
        try {
            if (exitedCleanly && Files.isRegularFile(pending) && Files.size(pending) > 0) {
                Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(pending);
            }
        } catch (IOException e) {
            LocalStack.log("class-data archive %s not kept: %s", archive.getFileName(), e.getMessage());
        } finally {
            pending = null;
        }
    }

    private boolean current() {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        try {
            long made = Files.getLastModifiedTime(archive).toMillis();
            for (Path p : inputs) {
                if (Files.exists(p) && newest(p) > made) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long newest(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return Files.getLastModifiedTime(p).toMillis();
        }
        try (Stream<Path> files = Files.list(p)) {
            long newest = Files.getLastModifiedTime(p).toMillis();
            for (Path f : (Iterable<Path>) files::iterator) {
                newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
            }
            return newest;
        }
    }

    private static String jdk() {
        return System.getProperty("java.vm.version").replaceAll("[^A-Za-z0-9.+-]", "_");
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
