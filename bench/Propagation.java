import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event propagation probe for bench/report.sh (JDK 17 single-file program, no dependency):
 * {@code java bench/Propagation.java GATEWAY_URL API_KEY ACTION_ID [SAMPLES] [POLL_MS] [WARMUP]}.
 *
 * <p>Posts SAMPLES sequential commitments of 1 euro on the fiche-action through the gateway; the 201 response carries the
 * territory's committed total as funding-service wrote it ({@code territoryTotals.committedCents}). From the moment that
 * response arrives, polls the territory summary through the gateway (territory-service, built from funding events
 * relayed by the outbox and Kafka) every POLL_MS milliseconds until its {@code committedCents} reaches that total.
 * Prints key=value lines: samples, p50/p99/max of that delay in ms, the poll interval and the mean poll round trip
 * (the resolution of the measure is about their sum), the mean commit round trip, and timeouts. The first WARMUP
 * commitments (default 5) are not counted: they let territory-service drain any backlog of earlier events and warm up
 * the JIT on both sides.
 */
public class Propagation {

    private static final Pattern COMMITTED = Pattern.compile("\"committedCents\"\\s*:\\s*(-?\\d+)");
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(30).toNanos();
    private static final long WARMUP_TIMEOUT_NANOS = Duration.ofSeconds(180).toNanos();

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java bench/Propagation.java GATEWAY_URL API_KEY ACTION_ID [SAMPLES] [POLL_MS] [WARMUP]");
            System.exit(2);
        }
        String gateway = args[0].replaceAll("/+$", "");
        String key = args[1];
        String actionId = args[2];
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        long pollMs = args.length > 4 ? Long.parseLong(args[4]) : 2;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest summary = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/territories/2019-2022/ti-8411/summary"))
                .header("X-API-Key", key).timeout(Duration.ofSeconds(10)).GET().build();
        String body = """
                {"actionId":"%s","operator":"BPIFRANCE","measureCode":"RECRUTER-01","amountCents":100,\
                "effectiveDate":"2020-03-10","beneficiaryName":"Roannais Agglomération","beneficiarySiret":"20003573100013"}"""
                .formatted(actionId);

        double[] delays = new double[samples];
        int timeouts = 0;
        long polls = 0, pollNanos = 0, commitNanos = 0;
        for (int n = 0; n < warmup + samples; n++) {
            boolean counted = n >= warmup;
            int i = n - warmup;
            HttpRequest commit = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/funding/commitments"))
                    .header("X-API-Key", key).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "propagation-" + UUID.randomUUID())
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long sent = System.nanoTime();
            HttpResponse<String> created = http.send(commit, HttpResponse.BodyHandlers.ofString());
            long acknowledged = System.nanoTime();
            if (counted) {
                commitNanos += acknowledged - sent;
            }
            if (created.statusCode() != 201) {
                System.err.println("commit " + n + " answered " + created.statusCode() + ": " + created.body());
                System.exit(1);
            }
            long expected = territoryCommitted(created.body());

            while (true) {
                long before = System.nanoTime();
                HttpResponse<String> s = http.send(summary, HttpResponse.BodyHandlers.ofString());
                long after = System.nanoTime();
                if (counted) {
                    polls++;
                    pollNanos += after - before;
                }
                boolean seen = s.statusCode() == 200 && committed(s.body()) >= expected;
                if (seen || after - acknowledged > (counted ? TIMEOUT_NANOS : WARMUP_TIMEOUT_NANOS)) {
                    if (!seen) {
                        if (!counted) {
                            System.err.println("warm-up commitment " + n + " not in the territory summary after "
                                    + (after - acknowledged) / 1_000_000 + " ms: " + s.statusCode() + " " + s.body());
                            System.exit(1);
                        }
                        timeouts++;
                    }
                    if (counted) {
                        delays[i] = (after - acknowledged) / 1e6;
                    }
                    break;
                }
                Thread.sleep(pollMs);
            }
        }

        Arrays.sort(delays);
        System.out.printf(Locale.ROOT, "samples=%d%n", samples);
        System.out.printf(Locale.ROOT, "p50_ms=%.1f%n", percentile(delays, 0.50));
        System.out.printf(Locale.ROOT, "p99_ms=%.1f%n", percentile(delays, 0.99));
        System.out.printf(Locale.ROOT, "max_ms=%.1f%n", delays[samples - 1]);
        System.out.printf(Locale.ROOT, "poll_interval_ms=%d%n", pollMs);
        System.out.printf(Locale.ROOT, "mean_poll_rtt_ms=%.1f%n", pollNanos / 1e6 / polls);
        System.out.printf(Locale.ROOT, "mean_commit_rtt_ms=%.1f%n", commitNanos / 1e6 / samples);
        System.out.printf(Locale.ROOT, "timeouts=%d%n", timeouts);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** committedCents inside the commit response's territoryTotals object. */
    private static long territoryCommitted(String json) {
        int at = json.indexOf("\"territoryTotals\"");
        if (at < 0 || !json.substring(at).matches("(?s)\"territoryTotals\"\\s*:\\s*\\{.*")) {
            throw new IllegalStateException("commit response has no territoryTotals object: " + json);
        }
        return committed(json.substring(at));
    }

    /** The first committedCents in the text. */
    private static long committed(String json) {
        Matcher m = COMMITTED.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no committedCents in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
