package fr.gouv.ti.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.IdentityKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gateway under test gets a real PostgreSQL for its API keys, a stand-in downstream service that reports what
 * it received (identity, correlation, credentials that should not leak), a port where nothing listens, and an
 * identity provider key set (JWKS) for bearer tokens.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_KEY = "ti_test-bootstrap-admin-key-0123456789abcdef";
    /** Holds the slow downstream's answer until the test calls the stub's /release-slow. */
    private static final CountDownLatch SLOW_RELEASED = new CountDownLatch(1);
    public static final String IDP_ISSUER = "https://idp.test.example/realms/ti";
    public static final String IDP_AUDIENCE = "ti-api";
    static KeyPair idpKeys;
    private HttpServer stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            stub.setExecutor(Executors.newFixedThreadPool(8));
            stub.createContext("/", GatewayTestResource::answer);
            stub.start();
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            idpKeys = g.generateKeyPair();
            Path jwks = Files.createTempFile("idp-jwks", ".json");
            RSAPublicKey pub = (RSAPublicKey) idpKeys.getPublic();
            Files.writeString(jwks, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"idp-1\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                    + b64(pub.getModulus().toByteArray()) + "\",\"e\":\"" + b64(pub.getPublicExponent().toByteArray()) + "\"}]}");
            String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
            Map<String, String> c = new HashMap<>();
            c.put("quarkus.datasource.jdbc.url", EmbeddedInfrastructure.database("gateway"));
            c.put("quarkus.datasource.username", "postgres");
            c.put("quarkus.datasource.password", "postgres");
            c.put("ti.gateway.identity.private-key", IdentityKeys.privateKeyPem());
            c.put("ti.gateway.bootstrap-admin-key", ADMIN_KEY);
            // the test key is readable, hence weak: accepted only in a local run
            c.put("ti.gateway.local-run", "true");
            c.put("ti.gateway.services.territory.url", stubUrl);
            c.put("ti.gateway.services.territory.management-url", stubUrl);
            c.put("ti.gateway.services.measure.management-url", stubUrl);
            c.put("ti.gateway.services.funding.management-url", stubUrl);
            c.put("ti.gateway.services.measure.url", stubUrl);
            c.put("ti.gateway.services.measure.timeout", "1s");
            c.put("ti.gateway.services.funding.url", stubUrl);
            c.put("ti.gateway.services.webhook.url", stubUrl);
            c.put("ti.gateway.services.contract.url", "http://127.0.0.1:" + deadPort());
            c.put("ti.gateway.rate-limit.territory-team.capacity", "3");
            c.put("ti.gateway.rate-limit.territory-team.refill-per-second", "0.05");
            c.put("ti.gateway.trusted-proxies", "127.0.0.1,::1");
            c.put("ti.gateway.rate-limit.expensive.capacity", "3");
            c.put("ti.gateway.rate-limit.expensive.refill-per-second", "0.05");
            c.put("ti.gateway.oidc.issuer", IDP_ISSUER);
            c.put("ti.gateway.oidc.audience", IDP_AUDIENCE);
            c.put("ti.gateway.oidc.authorized-parties", "ti-console,bpifrance-si");
            c.put("ti.gateway.oidc.jwks-location", jwks.toUri().toString());
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/release-slow")) {
            SLOW_RELEASED.countDown();
        } else if (path.startsWith("/api/v1/measures/slow")) {
            // a downstream that answers only once the test has seen the gateway give up (1 s timeout for it)
            try {
                SLOW_RELEASED.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        String json;
        if (path.equals("/q/openapi")) {
            json = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"stub\"}}";
        } else {
            json = "{\"path\":\"" + ex.getRequestURI() + "\",\"method\":\"" + ex.getRequestMethod() + "\""
                    + ",\"identity\":" + quoted(ex.getRequestHeaders().getFirst("X-TI-Identity"))
                    + ",\"correlationId\":" + quoted(ex.getRequestHeaders().getFirst("X-Correlation-ID"))
                    + ",\"traceparent\":" + quoted(ex.getRequestHeaders().getFirst("traceparent"))
                    + ",\"apiKey\":" + quoted(ex.getRequestHeaders().getFirst("X-API-Key"))
                    + ",\"authorization\":" + quoted(ex.getRequestHeaders().getFirst("Authorization"))
                    + ",\"bodyLength\":" + body.length + "}";
        }
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(path.startsWith("/api/v1/funding/created") ? 201 : 200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s.replace("\"", "\\\"") + "\"";
    }

    private static String b64(byte[] bytes) {
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] trimmed = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(trimmed);
    }

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.stop(0);
        }
    }
}
