package fr.gouv.ti.gateway.routing;

import fr.gouv.ti.gateway.config.GatewayConfig;
import fr.gouv.ti.gateway.edge.EdgeHandler;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import fr.gouv.ti.gateway.edge.ProblemResponses;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** One downstream service: a pooled HTTP client, a timeout and a circuit breaker. */
public final class Downstream {

    private static final Logger LOG = Logger.getLogger(Downstream.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");
    /** Credentials stay at the gateway; the services get the signed identity instead. */
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "x-api-key", "x-ti-identity", "cookie");

    private static final String BODY_CUT_KEY = "ti.bodyCut";

    private final String name;
    private final String host;
    private final int port;
    private final String managementHost;
    private final int managementPort;
    private final long timeoutMillis;
    private final HttpClient client;
    private final CircuitBreaker breaker;

    Downstream(Vertx vertx, String name, GatewayConfig.Downstream config, GatewayConfig.Breaker breakerConfig) {
        URI uri = URI.create(config.url());
        this.name = name;
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        URI management = config.managementUrl().filter(u -> !u.isBlank()).map(URI::create).orElse(uri);
        this.managementHost = management.getHost();
        this.managementPort = management.getPort() > 0 ? management.getPort() : 80;
        this.timeoutMillis = config.timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(128));
        this.breaker = new CircuitBreaker(breakerConfig.failureThreshold(), breakerConfig.openDuration().toNanos());
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Host and port of the service's management interface (health, OpenAPI document). */
    public String managementHost() {
        return managementHost;
    }

    public int managementPort() {
        return managementPort;
    }

    public HttpClient client() {
        return client;
    }

    public boolean circuitOpen() {
        return breaker.isOpen();
    }

    /** Forwards the request under {@code path} (the same path unless rewritten), streaming both bodies. */
    void forward(RoutingContext ctx, String path, Function<GatewayCaller, String> identity) {
        forward(ctx, host, port, path, identity);
    }

    /** Forwards to the service's management interface (its OpenAPI document for the console). */
    void forwardToManagement(RoutingContext ctx, String path, Function<GatewayCaller, String> identity) {
        forward(ctx, managementHost, managementPort, path, identity);
    }

    private void forward(RoutingContext ctx, String host, int port, String path, Function<GatewayCaller, String> identity) {
        HttpServerRequest in = ctx.request();
        if (!breaker.allow()) {
            ProblemResponses.send(ctx, 503, "unavailable", "Service unavailable",
                    name + " is unavailable (it failed repeatedly; the gateway retries it shortly).");
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(host).setPort(port)
                .setURI(path).setIdleTimeout(timeoutMillis);
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                breaker.failure();
                LOG.warnf("%s unreachable: %s", name, ar.cause().getMessage());
                ProblemResponses.send(ctx, 503, "unavailable", "Service unavailable",
                        name + " cannot be reached right now; retry later.");
                return;
            }
            var out = ar.result();
            copyHeaders(in.headers(), out.headers(), NOT_FORWARDED);
            GatewayCaller caller = ctx.get(EdgeHandler.CALLER_KEY);
            if (caller != null) {
                out.putHeader(EdgeHandler.IDENTITY_HEADER, identity.apply(caller));
            }
            String cid = ctx.get(EdgeHandler.CORRELATION_KEY);
            if (cid != null) {
                out.putHeader("X-Correlation-ID", cid);
            }
            String traceparent = ctx.get(EdgeHandler.TRACEPARENT_KEY);
            if (traceparent != null) {
                out.putHeader("traceparent", traceparent);
            }
            String client = ctx.get(EdgeHandler.CLIENT_ADDRESS_KEY);
            out.putHeader("X-Forwarded-For", client != null ? client
                    : in.remoteAddress() == null ? "" : in.remoteAddress().hostAddress());
            out.putHeader("X-Forwarded-Host", in.authority() == null ? "" : in.authority().toString());
            out.putHeader("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            var sent = body != null ? out.send(body) : hasBody(in) ? out.send(counted(ctx, in, out)) : out.send();
            sent.onComplete(rar -> {
                if (rar.failed() && Boolean.TRUE.equals(ctx.get(BODY_CUT_KEY))) {
                    return; // answered 413 already
                }
                if (rar.failed()) {
                    breaker.failure();
                    boolean timeout = rar.cause() instanceof TimeoutException
                            || String.valueOf(rar.cause().getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
                    LOG.warnf("%s failed: %s", name, rar.cause().getMessage());
                    if (timeout) {
                        ProblemResponses.send(ctx, 504, "timeout", "Gateway timeout",
                                name + " did not answer within " + timeoutMillis + " ms.");
                    } else {
                        ProblemResponses.send(ctx, 502, "bad-gateway", "Bad gateway",
                                name + " closed the connection before answering.");
                    }
                    return;
                }
                HttpClientResponse response = rar.result();
                breaker.success();
                HttpServerResponse back = ctx.response();
                back.setStatusCode(response.statusCode());
                copyHeaders(response.headers(), back.headers(), Set.of());
                if (cid != null) {
                    back.putHeader("X-Correlation-ID", cid);
                }
                if (response.getHeader("Content-Length") == null && !"HEAD".equals(in.method().name())) {
                    back.setChunked(true);
                }
                response.pipeTo(back);
            });
        });
    }

    /**
     * The body as streamed to the service, counted: a chunked body (no Content-Length for the edge to check) that
     * grows past the size limit is cut, the service's request reset and the client answered 413 (issue 18,
     * finding 11). Nothing is buffered.
     */
    private static io.vertx.core.streams.ReadStream<Buffer> counted(RoutingContext ctx, HttpServerRequest in,
                                                                     io.vertx.core.http.HttpClientRequest out) {
        Long max = ctx.get(EdgeHandler.MAX_BODY_KEY);
        if (max == null || in.getHeader("Content-Length") != null) {
            return in; // a declared length was checked at the edge, and the codec holds the body to it
        }
        return new io.vertx.core.streams.ReadStream<>() {
            private long seen;
            private boolean cut;

            @Override
            public io.vertx.core.streams.ReadStream<Buffer> handler(io.vertx.core.Handler<Buffer> handler) {
                if (handler == null) {
                    in.handler(null);
                    return this;
                }
                in.handler(chunk -> {
                    if (cut) {
                        return;
                    }
                    seen += chunk.length();
                    if (seen > max) {
                        cut = true;
                        ctx.put(BODY_CUT_KEY, true);
                        out.reset();
                        // the rest of the body is read and dropped, so that the client reads the answer
                        ProblemResponses.send(ctx, 413, "payload-too-large", "Payload too large",
                                "The request body exceeds " + max / (1024 * 1024) + " MB.");
                        return;
                    }
                    handler.handle(chunk);
                });
                return this;
            }

            @Override
            public io.vertx.core.streams.ReadStream<Buffer> exceptionHandler(io.vertx.core.Handler<Throwable> handler) {
                in.exceptionHandler(handler);
                return this;
            }

            @Override
            public io.vertx.core.streams.ReadStream<Buffer> pause() {
                in.pause();
                return this;
            }

            @Override
            public io.vertx.core.streams.ReadStream<Buffer> resume() {
                in.resume();
                return this;
            }

            @Override
            public io.vertx.core.streams.ReadStream<Buffer> fetch(long amount) {
                in.fetch(amount);
                return this;
            }

            @Override
            public io.vertx.core.streams.ReadStream<Buffer> endHandler(io.vertx.core.Handler<Void> endHandler) {
                in.endHandler(v -> {
                    if (!cut && endHandler != null) {
                        endHandler.handle(v);
                    }
                });
                return this;
            }
        };
    }

    private static boolean hasBody(HttpServerRequest in) {
        String length = in.getHeader("Content-Length");
        return (length != null && !"0".equals(length)) || in.getHeader("Transfer-Encoding") != null;
    }

    private static void copyHeaders(MultiMap from, MultiMap to, Set<String> excluded) {
        from.forEach(h -> {
            String n = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(n) && !excluded.contains(n)) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }
}
