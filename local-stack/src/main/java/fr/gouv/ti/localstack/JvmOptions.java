package fr.gouv.ti.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the launcher sizes the JVMs of a local run: five apps, a broker and PostgreSQL share two cores and must each
 * start in about 3 s and stay within about 200 MB. Measured on this kind of machine (bench/last-report.md):
 * <ul>
 * <li>the serial collector and a small heap: a live set of 12-26 MB per app needs no concurrent GC threads and no
 * remembered sets, and the heap grows only as far as the load asks;</li>
 * <li>freed native memory (the optimising compiler's arenas) trimmed back to the system every few seconds;</li>
 * <li>the optimising compiler (C2) where requests are CPU-bound and the app is lean: the gateway and the services on
 * plain JDBC (territory, funding), which serve 2x the requests of the client compiler alone; the client compiler
 * only ({@code TieredStopAtLevel=1}) for the two services still on Hibernate ORM (contract, measure): it saves them
 * about 30 MB and a second of start, and their reads are bound by the ORM, not by compiled code;</li>
 * <li>two malloc arenas instead of one per thread (glibc's default), which otherwise hold tens of MB per JVM.</li>
 * </ul>
 * {@code TI_JAVA_OPTIONS} replaces these options for every app (to compare settings).
 */
final class JvmOptions {

    private static final List<String> COMMON = List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:+ExitOnOutOfMemoryError",
            // JDK 17.0.9+ and 21+; ignored (not fatal) on a JDK without it
            "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=5000");

    private JvmOptions() {
    }

    static List<String> forApp(Service s) {
        String override = System.getenv("TI_JAVA_OPTIONS");
        if (override != null && !override.isBlank()) {
            return List.of(override.trim().split("\\s+"));
        }
        List<String> o = new ArrayList<>(COMMON);
        switch (s) {
            case GATEWAY -> o.add("-Xmx64m");
            case TERRITORY, FUNDING, WEBHOOK -> o.add("-Xmx96m");
            case CONTRACT, MEASURE -> o.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"));
        }
        return o;
    }

    static List<String> forKafka() {
        return List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=5000");
    }

    static void environment(Map<String, String> env) {
        env.put("MALLOC_ARENA_MAX", "2");
    }
}
