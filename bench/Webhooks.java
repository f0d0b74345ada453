import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery probe for bench/report.sh (JDK 17 single-file program, no dependency):
 * {@code java bench/Webhooks.java GATEWAY_URL OPERATOR_KEY ACTION_ID [SAMPLES] [BURST] [CLIENTS]}.
 *
 * <p>Starts a receiver (JDK HTTP server answering 204) on a free port, subscribes it through the gateway with the
 * operator's key to {@code fr.gouv.ti.funding.committed.v1}, then: (1) SAMPLES sequential commitments of 1 euro,
 * each timed from its 201 (the ledger transaction committed) to the arrival of its event at the receiver (outbox
 * relay, Kafka, webhook-service's inbox and queue, the signed POST); (2) BURST commitments posted by CLIENTS
 * concurrent clients, and the receiver's arrival rate over the burst (all of one territory: one aggregate, so
 * delivered one at a time, in order). Prints key=value lines. The subscription is deleted at the end.
 */
public class Webhooks {

    private static final Pattern TX = Pattern.compile("\"transactionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Map<String, Long> ARRIVED = new ConcurrentHashMap<>();
    private static final AtomicLong FIRST = new AtomicLong();
    private static final AtomicLong LAST = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String gw = args[0].replaceAll("/+$", "");
        String key = args[1];
        String action = args[2];
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int burst = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 8;

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService receiving = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(receiving);
        server.createContext("/", ex -> {
            long now = System.nanoTime();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TX.matcher(body);
            if (m.find()) {
                ARRIVED.putIfAbsent(m.group(1), now);
                FIRST.compareAndSet(0, now);
                LAST.set(now);
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/bench";
        HttpResponse<String> sub = http.send(HttpRequest.newBuilder(URI.create(gw + "/api/v1/webhooks/subscriptions"))
                .header("X-API-Key", key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url
                        + "\",\"eventTypes\":[\"fr.gouv.ti.funding.committed.v1\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (sub.statusCode() != 201) {
            throw new IllegalStateException("subscription refused: " + sub.statusCode() + " " + sub.body());
        }
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(sub.body());
        id.find();
        String subscription = id.group(1);
        try {
            for (int i = 0; i < 5; i++) { // warm-up, not counted
                await(commit(http, gw, key, action), 60_000);
            }
            List<Double> latencies = new ArrayList<>();
            int timeouts = 0;
            for (int i = 0; i < samples; i++) {
                String tx = commit(http, gw, key, action);
                long acknowledged = System.nanoTime();
                Long arrived = await(tx, 30_000);
                if (arrived == null) {
                    timeouts++;
                } else {
                    latencies.add((arrived - acknowledged) / 1e6);
                }
            }
            latencies.sort(Double::compare);
            System.out.printf(Locale.ROOT, "samples=%d%np50_ms=%.1f%np99_ms=%.1f%nmax_ms=%.1f%ntimeouts=%d%n",
                    latencies.size(), pct(latencies, 0.50), pct(latencies, 0.99),
                    latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1), timeouts);

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<String> txs = java.util.Collections.synchronizedList(new ArrayList<>());
            FIRST.set(0);
            long t0 = System.nanoTime();
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        txs.add(commit(http, gw, key, action));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
            long posted = System.nanoTime();
            pool.shutdown();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!txs.stream().allMatch(ARRIVED::containsKey) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long delivered = txs.stream().filter(ARRIVED::containsKey).count();
            long last = txs.stream().map(ARRIVED::get).filter(v -> v != null).mapToLong(Long::longValue).max().orElse(t0);
            System.out.printf(Locale.ROOT, "burst=%d%nburst_delivered=%d%nburst_commits_per_s=%.0f%n"
                            + "burst_deliveries_per_s=%.0f%nburst_drain_after_last_commit_ms=%.0f%n",
                    burst, delivered, burst / ((posted - t0) / 1e9), delivered / ((last - t0) / 1e9),
                    Math.max(0, (last - posted) / 1e6));
        } finally {
            http.send(HttpRequest.newBuilder(URI.create(gw + "/api/v1/webhooks/subscriptions/" + subscription))
                    .header("X-API-Key", key).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            server.stop(0);
            receiving.shutdownNow();
        }
        System.exit(0);
    }

    private static String commit(HttpClient http, String gw, String key, String action) throws Exception {
        String body = """
                {"actionId":"%s","operator":"BPIFRANCE","measureCode":"RECRUTER-01","amountCents":100,\
                "effectiveDate":"2020-03-10","beneficiaryName":"Roannais Agglomération","beneficiarySiret":"20003573100013"}"""
                .formatted(action);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gw + "/api/v1/funding/commitments"))
                .header("X-API-Key", key).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TX.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("commitment answered " + r.statusCode() + ": " + r.body());
        }
        return m.group(1);
    }

    private static Long await(String tx, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            Long t = ARRIVED.get(tx);
            if (t != null) {
                return t;
            }
            Thread.sleep(0, 200_000);
        }
        return null;
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
