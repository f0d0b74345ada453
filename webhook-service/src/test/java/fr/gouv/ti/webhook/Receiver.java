package fr.gouv.ti.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A real HTTP receiver on a free port of this machine; {@code behaviour} answers the n-th request (1-based). */
public final class Receiver implements AutoCloseable {

    /** What the receiver does: answer with a status, or hang (no answer) until released. */
    public record Answer(int status, boolean hang) {
        public static Answer status(int s) {
            return new Answer(s, false);
        }

        public static Answer hanging() {
            return new Answer(0, true);
        }
    }

    public record Request(String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Request> accepted = new CopyOnWriteArrayList<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile IntFunction<Answer> behaviour;

    public Receiver(IntFunction<Answer> behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static Receiver alwaysOk() throws IOException {
        return new Receiver(n -> Answer.status(204));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void behave(IntFunction<Answer> b) {
        behaviour = b;
    }

    /** Requests answered 2xx, in arrival order. */
    public List<Request> accepted() {
        return accepted;
    }

    public List<Request> all() {
        return all;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Request r = new Request(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body);
        all.add(r);
        Answer a = behaviour.apply(count.incrementAndGet());
        if (a.hang()) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        if (a.status() >= 200 && a.status() < 300) {
            accepted.add(r);
        }
        byte[] out = ("answer " + a.status()).getBytes(StandardCharsets.UTF_8);
        if (a.status() == 204) {
            ex.sendResponseHeaders(204, -1);
        } else {
            ex.sendResponseHeaders(a.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
