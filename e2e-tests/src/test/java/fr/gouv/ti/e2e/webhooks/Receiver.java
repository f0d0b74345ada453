package fr.gouv.ti.e2e.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A regional IT system's webhook endpoint: a JDK HTTP server on a free port of this machine. What it answers the
 * n-th request is up to the test: a status, or no answer at all until {@link #releaseHanging()}.
 */
public final class Receiver implements AutoCloseable {

    public static final int HANG = -1;

    /** A request as it arrived: the Standard Webhooks headers and the raw body. */
    public record Delivery(String id, String timestamp, String signature, String correlationId, String contentType,
                           byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Delivery> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch hanging = new CountDownLatch(1);
    private volatile IntFunction<Integer> answer = n -> 200;

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/ti";
    }

    /** From now on, answer the n-th request (counted from 1 from now) with {@code answer.apply(n)}. */
    public void answer(IntFunction<Integer> answer) {
        requests.set(0);
        this.answer = answer;
    }

    public void releaseHanging() {
        CountDownLatch previous = hanging;
        hanging = new CountDownLatch(1);
        previous.countDown();
    }

    public int requests() {
        return requests.get();
    }

    public List<Delivery> accepted() {
        return accepted;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        int status = answer.apply(requests.incrementAndGet());
        if (status == HANG) {
            try {
                hanging.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        if (status >= 200 && status < 300) {
            var h = ex.getRequestHeaders();
            accepted.add(new Delivery(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), h.getFirst("X-Correlation-ID"), h.getFirst("content-type"), body));
        }
        byte[] out = ("{\"received\":" + (status < 300) + "}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        releaseHanging();
        server.stop(0);
    }
}
