import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contended commitments for the audit step of bench/report.sh (JDK 17 single-file program, no dependency):
 * {@code java bench/Audit.java GATEWAY_URL API_KEY TARGETS_FILE REQUESTS CLIENTS RUN_PREFIX [RETRY_PCT] [RACE_PCT] [OVERASK_PCT]}.
 *
 * <p>TARGETS_FILE holds "actionId measureCode availableCents" lines (one per allocation, the cents still available on
 * it). CLIENTS threads (a fixed pool) post REQUESTS commitments in all (each with its own Idempotency-Key
 * RUN_PREFIX-n and the same string as decisionReference, so that the audit can find its ledger effect) on targets
 * picked at random. The amounts are drawn so that the allocations run dry after about 80 % of the requests: the rest
 * mostly over-ask and must be refused (409 allocation-exceeded) whatever the concurrency; OVERASK_PCT % of the
 * requests (default 1) ask more than the whole availability on purpose. RETRY_PCT % (default 5) are sent again with
 * the same key and body once answered: a 201 must be replayed (Idempotent-Replayed: true, same transactionId), never
 * moved twice. RACE_PCT % (default 1) are sent twice at the same time with the same key: one moves money at most,
 * the other is 409 idempotency-in-progress or a replay.
 *
 * <p>Prints key=value lines: counts by outcome, replay checks, throughput and latency percentiles of first attempts.
 */
public class Audit {

    private static final Pattern TX = Pattern.compile("\"transactionId\"\\s*:\\s*\"([^\"]+)\"");

    record Target(String actionId, String measureCode, long available, long mean) {
    }

    record Answer(int status, String body, boolean replayed, long nanos) {
        String kind() {
            if (status == 409 && body.contains("idempotency-in-progress")) {
                return "inflight";
            }
            if (status == 409 && body.contains("allocation-exceeded")) {
                return "limit";
            }
            return String.valueOf(status);
        }

        String tx() {
            Matcher m = TX.matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    static final LongAdder answered = new LongAdder(), created = new LongAdder(), limit = new LongAdder(),
            inflight = new LongAdder(), other = new LongAdder(), errors = new LongAdder(),
            retries = new LongAdder(), replays = new LongAdder(), replayMismatch = new LongAdder(),
            races = new LongAdder(), raceInflight = new LongAdder(), raceReplays = new LongAdder(),
            raceDoubleMove = new LongAdder(), overasks = new LongAdder(), keysWith201 = new LongAdder(),
            retryOf409Moved = new LongAdder();
    static final java.util.concurrent.ConcurrentHashMap<String, LongAdder> otherStatuses = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: java bench/Audit.java GATEWAY_URL API_KEY TARGETS_FILE REQUESTS CLIENTS RUN_PREFIX [RETRY_PCT] [RACE_PCT] [OVERASK_PCT]");
            System.exit(2);
        }
        String gateway = args[0].replaceAll("/+$", "");
        String key = args[1];
        long requests = Long.parseLong(args[3]);
        int clients = Integer.parseInt(args[4]);
        String prefix = args[5];
        double retryPct = args.length > 6 ? Double.parseDouble(args[6]) : 5;
        double racePct = args.length > 7 ? Double.parseDouble(args[7]) : 1;
        double overaskPct = args.length > 8 ? Double.parseDouble(args[8]) : 1;

        List<String[]> lines = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[2]))) {
            if (!l.isBlank()) {
                lines.add(l.trim().split("\\s+"));
            }
        }
        double perTarget = Math.max(1.0, requests / (double) lines.size());
        List<Target> targets = new ArrayList<>();
        for (String[] l : lines) {
            long available = Long.parseLong(l[2]);
            // the allocation runs dry after about 80 % of its requests (retries and over-asks not counted)
            long mean = Math.max(2, Math.round(available / (0.8 * perTarget)));
            targets.add(new Target(l[0], l[1], available, mean));
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create(gateway + "/api/v1/funding/commitments");
        AtomicLong next = new AtomicLong();
        long[][] latencies = new long[clients][];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            int worker = w;
            futures.add(pool.submit(() -> {
                long[] lat = new long[1024];
                int count = 0;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                long n;
                while ((n = next.getAndIncrement()) < requests) {
                    Target t = targets.get(rnd.nextInt(targets.size()));
                    double mode = rnd.nextDouble() * 100;
                    long amount;
                    if (rnd.nextDouble() * 100 < overaskPct) {
                        amount = t.available() + 1 + rnd.nextLong(t.mean());
                        overasks.increment();
                    } else {
                        amount = Math.max(1, Math.round(t.mean() * (0.5 + rnd.nextDouble())));
                    }
                    String k = prefix + "-" + n;
                    String body = ("{\"actionId\":\"%s\",\"operator\":\"BPIFRANCE\",\"measureCode\":\"%s\",\"amountCents\":%d,"
                            + "\"effectiveDate\":\"2020-03-10\",\"decisionReference\":\"%s\",\"beneficiaryName\":\"Bench audit\"}")
                            .formatted(t.actionId(), t.measureCode(), amount, k);
                    HttpRequest req = HttpRequest.newBuilder(uri).header("X-API-Key", key)
                            .header("Content-Type", "application/json").header("Idempotency-Key", k)
                            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        if (mode < racePct) {
                            race(http, req);
                            continue;
                        }
                        Answer first = send(http, req);
                        count(first);
                        if (count == lat.length) {
                            lat = Arrays.copyOf(lat, lat.length * 2);
                        }
                        lat[count++] = first.nanos();
                        boolean moved = first.status() == 201;
                        if (moved) {
                            keysWith201.increment();
                        }
                        if (mode < racePct + retryPct) {
                            retries.increment();
                            Answer again = send(http, req);
                            answered.increment();
                            if (again.replayed()) {
                                replays.increment();
                            }
                            if (moved && !(again.status() == 201 && again.replayed() && first.tx() != null
                                    && first.tx().equals(again.tx()))) {
                                replayMismatch.increment();
                                System.err.println("retry of " + k + " (first 201 " + first.tx() + ") answered "
                                        + again.status() + " replayed=" + again.replayed() + ": " + again.body());
                            } else if (!moved && again.status() == 201) {
                                // the first was refused (nothing stored), the retry went through: money moved once
                                retryOf409Moved.increment();
                                keysWith201.increment();
                            }
                        }
                    } catch (Exception e) {
                        errors.increment();
                        System.err.println("request " + k + ": " + e);
                    }
                }
                latencies[worker] = Arrays.copyOf(lat, count);
            }));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();

        System.out.println("requests=" + requests);
        System.out.println("answered=" + answered.sum());
        System.out.println("created_201=" + created.sum());
        System.out.println("refused_409_limit=" + limit.sum());
        System.out.println("refused_409_in_flight=" + inflight.sum());
        System.out.println("other=" + other.sum());
        StringBuilder o = new StringBuilder();
        otherStatuses.forEach((s, c) -> o.append(s).append('=').append(c.sum()).append(' '));
        System.out.println("other_statuses=" + o.toString().trim());
        System.out.println("transport_errors=" + errors.sum());
        System.out.println("overasks=" + overasks.sum());
        System.out.println("retries=" + retries.sum());
        System.out.println("replays=" + replays.sum());
        System.out.println("replay_mismatches=" + replayMismatch.sum());
        System.out.println("retry_of_refused_moved=" + retryOf409Moved.sum());
        System.out.println("races=" + races.sum());
        System.out.println("race_in_flight=" + raceInflight.sum());
        System.out.println("race_replays=" + raceReplays.sum());
        System.out.println("race_double_moves=" + raceDoubleMove.sum());
        System.out.println("keys_with_201=" + keysWith201.sum());
        System.out.println("seconds=" + String.format(Locale.ROOT, "%.1f", seconds));
        System.out.println("answered_per_s=" + String.format(Locale.ROOT, "%.1f", answered.sum() / seconds));
        System.out.println("p50_ms=" + pct(all, 0.50));
        System.out.println("p99_ms=" + pct(all, 0.99));
        System.out.println("max_ms=" + pct(all, 1.0));
    }

    static Answer send(HttpClient http, HttpRequest req) throws Exception {
        long s = System.nanoTime();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false),
                System.nanoTime() - s);
    }

    static void count(Answer a) {
        answered.increment();
        switch (a.kind()) {
            case "201" -> created.increment();
            case "limit" -> limit.increment();
            case "inflight" -> inflight.increment();
            default -> {
                other.increment();
                otherStatuses.computeIfAbsent(String.valueOf(a.status()), s -> new LongAdder()).increment();
                if (other.sum() <= 5) {
                    System.err.println("unexpected answer " + a.status() + ": " + a.body());
                }
            }
        }
    }

    /** The same request twice at once: at most one of them moves money. */
    static void race(HttpClient http, HttpRequest req) throws Exception {
        races.increment();
        long s = System.nanoTime();
        CompletableFuture<HttpResponse<String>> a = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> b = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        int fresh201 = 0;
        boolean any201 = false;
        for (HttpResponse<String> r : List.of(a.get(), b.get())) {
            boolean replayed = r.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
            Answer ans = new Answer(r.statusCode(), r.body(), replayed, System.nanoTime() - s);
            count(ans);
            if (ans.kind().equals("inflight")) {
                raceInflight.increment();
            }
            if (replayed) {
                raceReplays.increment();
            }
            if (r.statusCode() == 201) {
                any201 = true;
                if (!replayed) {
                    fresh201++;
                }
            }
        }
        if (any201) {
            keysWith201.increment();
        }
        if (fresh201 > 1) {
            raceDoubleMove.increment();
            System.err.println("race on " + req.headers().firstValue("Idempotency-Key").orElse("?") + ": two fresh 201");
        }
    }

    static String pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return "n/a";
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return String.format(Locale.ROOT, "%.1f", sorted[i] / 1e6);
    }
}
