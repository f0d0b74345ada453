package fr.gouv.ti.e2e.docs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through HTTP proxy in front of the gateway that checks every exchange of the tests against the served
 * OpenAPI documents (status documented, content type, body schema; and a request the suite accepted must be one
 * the document allows). Tests call the API through it, whichever client they use (RestAssured or the generated
 * Java client), and what it finds is collected for {@link ResponsesMatchTheDocuments} to fail on. The exchange
 * itself is passed on unchanged.
 */
public final class ConformanceProxy implements AutoCloseable {

    /** Hop-by-hop and length headers, set by each side's own HTTP stack (java.net.http refuses some of them). */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "http2-settings");

    private final String upstream;
    private final ServedDocuments documents;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conformance-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    public ConformanceProxy(String upstream, ServedDocuments documents) throws IOException {
        this.upstream = upstream;
        this.documents = documents;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The violations found since the last call (each says which exchange and what does not match). */
    public List<String> drainViolations() {
        List<String> out = new ArrayList<>();
        for (String v; (v = violations.poll()) != null; ) {
            out.add(v);
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String rawPath = uri.getRawPath();
            String target = upstream + rawPath + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(120))
                    .method(method, requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                byte[] body = ("proxy: the gateway did not answer: " + e).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(599, body.length);
                exchange.getResponseBody().write(body);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            check(method, rawPath, exchange.getRequestHeaders().getFirst("Content-Type"), requestBody, response);
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] body = response.body();
            boolean noBody = body.length == 0 || method.equals("HEAD") || response.statusCode() == 204
                    || response.statusCode() == 304;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            violations.add("proxy failure on " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
            throw e;
        }
    }

    private void check(String method, String rawPath, String requestContentType, byte[] requestBody,
                       HttpResponse<byte[]> response) {
        if (!rawPath.startsWith("/api/")) {
            return; // the console, health and the documents themselves are not operations of the API
        }
        String exchange = method + " " + rawPath + " → " + response.statusCode();
        Optional<ServedDocuments.Operation> op = documents.find(method, rawPath);
        if (op.isEmpty()) {
            violations.add(exchange + ": no operation of the documents has this method and path");
            return;
        }
        List<String> found = documents.check(op.get(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                new String(response.body(), StandardCharsets.UTF_8), requestContentType,
                new String(requestBody, StandardCharsets.UTF_8));
        found.forEach(v -> violations.add(exchange + " (" + op.get().document() + " " + op.get().id() + "): " + v));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
