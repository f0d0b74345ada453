package fr.gouv.ti.gateway.edge;

import fr.gouv.ti.gateway.identity.ApiKeyStore;
import fr.gouv.ti.gateway.identity.BearerTokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * First handler of every API request: correlation id and trace context, authentication (API key or bearer token,
 * else anonymous), refusal of anonymous writes, rate limit. Identity headers sent from outside are dropped here:
 * only the gateway speaks for a caller.
 */
@ApplicationScoped
public class EdgeHandler {

    public static final String CORRELATION_KEY = "ti.correlationId";
    public static final String CALLER_KEY = "ti.caller";
    public static final String RATE_KEY = "ti.rate";
    /** The body size limit, for the proxy's count of chunked bodies. */
    public static final String MAX_BODY_KEY = "ti.maxBody";
    /** The client's address as the gateway determined it ({@link ClientAddress}). */
    public static final String CLIENT_ADDRESS_KEY = "ti.clientAddress";
    public static final String TRACEPARENT_KEY = "ti.traceparent";
    public static final String IDENTITY_HEADER = "X-TI-Identity";
    public static final String API_KEY_HEADER = "X-API-Key";

    private static final Logger LOG = Logger.getLogger(EdgeHandler.class);
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /**
     * Longer URIs are refused here with a problem, not by the services' HTTP codec (bare 414 at 4096 bytes); the
     * gateway's own codec limit (quarkus.http.limits.max-initial-line-length) is set well above it.
     */
    static final int MAX_URI_LENGTH = 4000;

    private final ApiKeyStore apiKeys;
    private final BearerTokenVerifier bearer;
    private final RateLimiter rateLimiter;
    private final AuthFailures authFailures;
    private final ClientAddress clientAddress;
    private final MeterRegistry metrics;

    private final long maxBodyBytes;
    private final io.micrometer.core.instrument.Counter authRefused;

    public EdgeHandler(ApiKeyStore apiKeys, BearerTokenVerifier bearer, RateLimiter rateLimiter,
                       AuthFailures authFailures, ClientAddress clientAddress, MeterRegistry metrics,
                       @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.authFailures = authFailures;
        this.clientAddress = clientAddress;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.apiKeys = apiKeys;
        this.bearer = bearer;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.authRefused = metrics.counter("ti.gateway.auth.refused");
    }

    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        correlate(ctx);
        request.headers().remove(IDENTITY_HEADER);
        ctx.put(MAX_BODY_KEY, maxBodyBytes);
        if (tooLarge(request)) {
            ProblemResponses.send(ctx, 413, "payload-too-large", "Payload too large",
                    "The request body exceeds " + maxBodyBytes / (1024 * 1024) + " MB.");
            return;
        }
        if (request.uri().toLowerCase(java.util.Locale.ROOT).contains("%00")) {
            // no identifier of the suite holds a NUL, and PostgreSQL text cannot store one
            ProblemResponses.send(ctx, 400, "bad-request", "Bad request", "The request URI contains a NUL byte (%00).");
            return;
        }
        if (hasDotSegment(request.path())) {
            // /api/v1/territories/../../q/metrics would leave the routed resource on the service's side
            ProblemResponses.send(ctx, 400, "bad-request", "Bad request", "The request path contains a . or .. segment.");
            return;
        }
        io.vertx.core.json.JsonArray malformed = MalformedUri.check(request.uri());
        if (malformed != null) {
            ProblemResponses.send(ctx, 400, "bad-request", "Bad request", MalformedUri.detail(malformed), malformed);
            return;
        }
        if (request.uri().length() > MAX_URI_LENGTH) {
            ProblemResponses.send(ctx, 414, "uri-too-long", "URI too long",
                    "The request URI exceeds " + MAX_URI_LENGTH + " characters; send long filters in a body or page through results.");
            return;
        }
        String client = clientAddress.of(request);
        ctx.put(CLIENT_ADDRESS_KEY, client);
        String apiKey = request.getHeader(API_KEY_HEADER);
        String authorization = request.getHeader("Authorization");
        if (apiKey == null && authorization == null) {
            proceed(ctx, GatewayCaller.anonymous(ClientAddress.limitKey(client)));
            return;
        }
        long retryAfter = authFailures.retryAfterSeconds(client);
        if (retryAfter > 0) {
            // too many failed attempts from this address: no lookup, no token check, whatever it sends now
            metrics.counter("ti.gateway.auth.throttled").increment();
            ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
            ProblemResponses.send(ctx, 429, "rate-limited", "Too many failed authentications",
                    "Too many requests with unknown credentials came from your address; retry after " + retryAfter + " s.");
            return;
        }
        if (apiKey != null) {
            String key = apiKey.trim();
            if (!ApiKeyStore.wellFormed(key)) {
                // not a key this gateway could have issued: refused without a database lookup
                authenticated(ctx, Optional.empty(), true);
                return;
            }
            Optional<Optional<GatewayCaller>> cached = apiKeys.cached(key);
            if (cached.isPresent()) {
                // the usual case: answered on the event loop, no hand-off to a worker thread
                authenticated(ctx, cached.get(), true);
                return;
            }
        }
        ctx.vertx().<Optional<GatewayCaller>>executeBlocking(() -> authenticate(apiKey, authorization), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.errorf(ar.cause(), "authentication failed [%s]", (Object) ctx.get(CORRELATION_KEY));
                        ProblemResponses.send(ctx, 503, "unavailable", "Service temporarily unavailable",
                                "The gateway cannot check credentials right now; retry later.");
                    } else {
                        authenticated(ctx, ar.result(), apiKey != null);
                    }
                });
    }

    /**
     * The documents and the console (/docs/*, /q/openapi, /console): no credentials, but the anonymous rate limit of
     * the client's address, like any anonymous read.
     */
    public void limitAnonymous(RoutingContext ctx) {
        correlate(ctx);
        String client = clientAddress.of(ctx.request());
        ctx.put(CLIENT_ADDRESS_KEY, client);
        GatewayCaller caller = GatewayCaller.anonymous(ClientAddress.limitKey(client));
        RateLimiter.Decision d = rateLimiter.take(caller);
        if (!d.allowed()) {
            ctx.response().putHeader("Retry-After", String.valueOf(d.retryAfterSeconds()));
            ProblemResponses.send(ctx, 429, "rate-limited", "Too many requests",
                    "The rate limit of your address is exhausted; retry after " + d.retryAfterSeconds() + " s.");
            return;
        }
        ctx.put(CALLER_KEY, caller);
        ctx.next();
    }

    private void authenticated(RoutingContext ctx, Optional<GatewayCaller> caller, boolean byApiKey) {
        if (caller.isEmpty()) {
            authRefused.increment();
            authFailures.failed(ctx.get(CLIENT_ADDRESS_KEY));
            ProblemResponses.send(ctx, 401, "unauthorized", "Authentication failed",
                    byApiKey ? "The API key is unknown or revoked."
                            : "The bearer token is not valid (signature, issuer, expiry or role claim).");
        } else {
            proceed(ctx, caller.get());
        }
    }

    /** Proxied bodies are streamed, so the declared length is checked here; chunked bodies must declare one. */
    private boolean tooLarge(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private Optional<GatewayCaller> authenticate(String apiKey, String authorization) {
        if (apiKey != null) {
            return apiKeys.authenticate(apiKey.trim());
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer.verify(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private void proceed(RoutingContext ctx, GatewayCaller caller) {
        ctx.put(CALLER_KEY, caller);
        if (caller.isAnonymous() && !READS.contains(ctx.request().method())) {
            ProblemResponses.send(ctx, 401, "unauthorized", "Authentication required",
                    "Writes need credentials: send your API key in the X-API-Key header, or a bearer token.");
            return;
        }
        RateLimiter.Decision d = rateLimiter.take(caller);
        ctx.put(RATE_KEY, d);
        ctx.response().putHeader("RateLimit-Limit", String.valueOf(d.limit()))
                .putHeader("RateLimit-Remaining", String.valueOf(d.remaining()))
                .putHeader("RateLimit-Reset", String.valueOf(d.resetSeconds()));
        if (d.allowed() && caller.isAnonymous() && RateLimiter.expensive(ctx.request().path())) {
            // open data: the exports and aggregates an anonymous caller may run, each a scan of the ledger
            RateLimiter.Decision e = rateLimiter.takeExpensive(caller);
            if (!e.allowed()) {
                d = e;
                ctx.put(RATE_KEY, d);
                ctx.response().putHeader("RateLimit-Limit", String.valueOf(d.limit()))
                        .putHeader("RateLimit-Remaining", String.valueOf(d.remaining()))
                        .putHeader("RateLimit-Reset", String.valueOf(d.resetSeconds()));
            }
        }
        if (!d.allowed()) {
            metrics.counter("ti.gateway.rate.limited", "role", caller.role()).increment();
            ctx.response().putHeader("Retry-After", String.valueOf(d.retryAfterSeconds()));
            ProblemResponses.send(ctx, 429, "rate-limited", "Too many requests",
                    "The rate limit of your client (" + d.limit() + " requests, refilled continuously) is exhausted; "
                            + "retry after " + d.retryAfterSeconds() + " s.");
            return;
        }
        ctx.next();
    }

    private static void correlate(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String incoming = request.getHeader("X-Correlation-ID");
        String id = incoming != null && CORRELATION.matcher(incoming).matches() ? incoming : randomUuid();
        request.headers().set("X-Correlation-ID", id);
        ctx.put(CORRELATION_KEY, id);
        ctx.response().putHeader("X-Correlation-ID", id);
        String traceparent = request.getHeader("traceparent");
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            traceparent = "00-" + hex(random.nextLong()) + hex(random.nextLong()) + "-" + hex(random.nextLong()) + "-01";
        }
        ctx.put(TRACEPARENT_KEY, traceparent);
        MDC.put("correlationId", id);
    }

    /**
     * Correlation and trace ids need to be unique, not unguessable: a thread-local generator, not the shared
     * SecureRandom of {@code UUID.randomUUID()} (a lock and a SHA-1 per call, seen in the gateway's profile).
     */
    private static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L; // version 4
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb).toString();
    }

    static boolean hasDotSegment(String path) {
        if (path == null) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            String s = segment.toLowerCase(java.util.Locale.ROOT).replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String hex(long v) {
        return HexFormat.of().toHexDigits(v);
    }
}
