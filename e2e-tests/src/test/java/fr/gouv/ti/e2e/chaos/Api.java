package fr.gouv.ti.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The chaos clients' view of the gateway: plain HTTP, as an operator's system sees it. A request that gets no answer
 * (connection refused or reset, timeout), a 5xx, a 429 or a 409 "in progress" is retried with the same
 * Idempotency-Key and body until it gets a final answer or the deadline passes; every attempt is counted.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retried = new AtomicLong();

    Api(String base) {
        this.base = base;
    }

    /** One answer of the gateway. */
    record Answer(int status, String etag, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** One attempt; null when no answer came back. */
    Answer once(String method, String path, String key, String idempotencyKey, String ifMatch, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        requests.incrementAndGet();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("ETag").orElse(null), r.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Retries the same request until {@code done} accepts an answer; a transient failure is any other. */
    Answer until(String method, String path, String key, String idempotencyKey, String ifMatch, String body,
                 Predicate<Answer> done, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Answer a = once(method, path, key, idempotencyKey, ifMatch, body);
            if (a != null && done.test(a)) {
                return a;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(method + " " + path + " not answered within " + patience.toSeconds()
                        + " s; last: " + (a == null ? "no answer" : a.status() + " " + a.body()));
            }
            retried.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** Retries while the answer is transient (none, 5xx, 429, 409 in progress), returns the first final one. */
    Answer write(String method, String path, String key, String idempotencyKey, String ifMatch, String body, Duration patience) {
        return until(method, path, key, idempotencyKey, ifMatch, body, a -> !transientFailure(a), patience);
    }

    Answer read(String path, String key, Duration patience) {
        return until("GET", path, key, null, null, null, a -> !transientFailure(a), patience);
    }

    /**
     * A write under If-Match that must happen once, whose answer may be lost: reads {@code readPath} and is done when
     * {@code applied} holds there; else writes on the current ETag of {@code etagPath} (the same read when the paths
     * are equal) and is done on a 2xx; a 412 (someone, or a lost earlier attempt, changed it) or a transient failure
     * starts over from the read; any other answer is a refusal.
     */
    void writeOnce(String method, String path, String key, String body, String readPath, String etagPath,
                   Predicate<JsonNode> applied, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Answer seen = expect(read(readPath, key, patience), readPath);
            if (applied.test(seen.json())) {
                return;
            }
            Answer current = etagPath.equals(readPath) ? seen : expect(read(etagPath, key, patience), etagPath);
            Answer a = once(method, path, key, null, current.etag(), body);
            if (a != null && a.ok()) {
                return;
            }
            if (a != null && !transientFailure(a) && a.status() != 412) {
                throw new AssertionError(method + " " + path + " refused: " + a.status() + " " + a.body());
            }
            retried.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new IllegalStateException(method + " " + path + " not answered in time");
    }

    private static Answer expect(Answer read, String path) {
        if (read.status() != 200) {
            throw new AssertionError("read " + path + ": " + read.status() + " " + read.body());
        }
        return read;
    }

    static boolean transientFailure(Answer a) {
        return a.status() >= 500 || a.status() == 429 || (a.status() == 409 && a.body().contains("in progress"));
    }
}
