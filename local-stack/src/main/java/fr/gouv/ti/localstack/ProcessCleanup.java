package fr.gouv.ti.localstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A launcher killed with -9 cannot stop its children; the next start stops what the previous one left running
 * (processes recorded in .run/pids, and the PostgreSQL of .run/postgres).
 */
final class ProcessCleanup {

    private ProcessCleanup() {
    }

    static void killLeftovers(StackLayout layout) throws IOException {
        Path launcherPid = layout.pidsDir().resolve("launcher.pid");
        Optional<ProcessHandle> previous = read(launcherPid);
        if (previous.isPresent() && previous.get().isAlive() && previous.get().pid() != ProcessHandle.current().pid()) {
            throw new StackException("the suite is already running (launcher pid " + previous.get().pid() + ")");
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(layout.pidsDir(), "*.pid")) {
            for (Path p : pids) {
                read(p).filter(ProcessHandle::isAlive).ifPresent(h -> {
                    LocalStack.log("stopping %s left over by a previous run (pid %d)", p.getFileName(), h.pid());
                    stop(h);
                });
                Files.deleteIfExists(p);
            }
        }
        Path postmaster = layout.postgresData().resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            String first = Files.readAllLines(postmaster).stream().findFirst().orElse("").trim();
            try {
                ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive).ifPresent(h -> {
                    LocalStack.log("stopping PostgreSQL left over by a previous run (pid %d)", h.pid());
                    stop(h);
                });
            } catch (NumberFormatException ignored) {
                // not a pid file we understand; PostgreSQL will say so
            }
        }
        Files.writeString(launcherPid, String.valueOf(ProcessHandle.current().pid()));
    }

    private static Optional<ProcessHandle> read(Path pidFile) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle h) {
        h.destroy();
        try {
            h.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
    }
}
