package fr.gouv.ti.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the launcher sizes the JVMs of a local run: five apps, a broker and PostgreSQL share two cores and must each
 * start in a few seconds and stay within about 200 MB. Measured on this kind of machine (bench/last-report.md):
 * <ul>
 * <li>the serial collector with a small initial heap: a live set of 12-26 MB per app needs no concurrent GC threads
 * and no remembered sets, and the heap grows only as far as the load asks;</li>
 * <li>the client compiler only ({@code TieredStopAtLevel=1}): C2 spent 10+ s of CPU per app warming up under the
 * benchmark, competing with the requests on two cores, for no measurable gain in throughput; it also halves the
 * CPU of a start and keeps the code cache small;</li>
 * <li>two malloc arenas instead of one per thread (glibc's default), which otherwise hold tens of MB per JVM.</li>
 * </ul>
 * {@code TI_JAVA_OPTIONS} replaces these options for every app (for example to compare collectors).
 */
final class JvmOptions {

    private JvmOptions() {
    }

    static List<String> forApp(Service s) {
        String override = System.getenv("TI_JAVA_OPTIONS");
        if (override != null && !override.isBlank()) {
            return List.of(override.trim().split("\\s+"));
        }
        List<String> o = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms24m", "-XX:TieredStopAtLevel=1",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=40", "-XX:+ExitOnOutOfMemoryError"));
        o.add(s == Service.GATEWAY ? "-Xmx96m" : "-Xmx160m");
        return o;
    }

    static List<String> forKafka() {
        return List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1");
    }

    static void environment(Map<String, String> env) {
        env.put("MALLOC_ARENA_MAX", "2");
    }
}
