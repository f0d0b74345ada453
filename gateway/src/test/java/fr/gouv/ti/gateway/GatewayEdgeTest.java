package fr.gouv.ti.gateway;

import fr.gouv.ti.testsupport.IdentityKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import fr.gouv.ti.testsupport.EmbeddedInfrastructure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HexFormat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class GatewayEdgeTest {

    private static JsonWebToken verify(String token) throws Exception {
        JWTAuthContextInfo info = new JWTAuthContextInfo((RSAPublicKey) IdentityKeys.pair().getPublic(), "urn:ti:gateway");
        return new DefaultJWTParser(info).parse(token);
    }

    @Test
    void anonymousReadsAreForwardedWithAGatewaySignedAnonymousIdentityAndACorrelationId() throws Exception {
        JsonPath seen = given().header("X-Correlation-ID", "test-corr-1")
                .get("/api/v1/territories?phase=2019-2022")
                .then().statusCode(200).header("X-Correlation-ID", "test-corr-1")
                .header("RateLimit-Limit", notNullValue())
                .extract().jsonPath();
        assertThat(seen.getString("path")).isEqualTo("/api/v1/territories?phase=2019-2022");
        assertThat(seen.getString("correlationId")).isEqualTo("test-corr-1");
        assertThat(seen.getString("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        JsonWebToken identity = verify(seen.getString("identity"));
        assertThat(identity.getGroups()).containsExactly("anonymous");
    }

    @Test
    void aForgedIdentityHeaderFromOutsideHasNoEffect() throws Exception {
        String forged = Jwt.issuer("urn:ti:gateway").subject("evil").groups("national-admin").sign(
                java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        JsonPath seen = given().header("X-TI-Identity", forged).get("/api/v1/territories")
                .then().statusCode(200).extract().jsonPath();
        assertThat(seen.getString("identity")).isNotEqualTo(forged);
        assertThat(verify(seen.getString("identity")).getGroups()).containsExactly("anonymous");
    }

    @Test
    void anonymousWritesAreRefusedWith401ProblemJson() {
        given().contentType("application/json").body("{}").post("/api/v1/funding/commitments")
                .then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("correlationId", notNullValue());
    }

    @Test
    void anUnknownApiKeyIsRefused() {
        given().header("X-API-Key", "ti_not-a-key").get("/api/v1/territories")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theAdministratorIssuesAKeyWhoseScopeReachesTheServicesAndARevokedKeyIsRefusedAtOnce() throws Exception {
        JsonPath created = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"Bpifrance SI\",\"role\":\"operator\",\"operatorCode\":\"BPIFRANCE\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        String id = created.getString("apiKey.id");
        assertThat(key).startsWith("ti_");

        JsonPath seen = given().header("X-API-Key", key).contentType("application/json").body("{\"amountCents\":100}")
                .post("/api/v1/funding/created").then().statusCode(201).extract().jsonPath();
        assertThat(seen.getString("apiKey")).as("the key itself never reaches a service").isNull();
        assertThat(seen.getInt("bodyLength")).isEqualTo(19);
        JsonWebToken identity = verify(seen.getString("identity"));
        assertThat(identity.getGroups()).containsExactly("operator");
        assertThat(identity.getClaim("ti_operator").toString()).contains("BPIFRANCE");

        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).delete("/api/v1/admin/api-keys/" + id)
                .then().statusCode(204);
        given().header("X-API-Key", key).get("/api/v1/territories").then().statusCode(401);
    }

    @Test
    void aKeyRevokedByAnotherGatewayInstanceIsRefusedHereWithinASecond() throws Exception {
        String key = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"Région Bretagne\",\"role\":\"region\",\"regionCode\":\"53\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        // used twice: the second answer comes from this instance's cache of key lookups
        given().header("X-API-Key", key).get("/api/v1/territories").then().statusCode(200);
        given().header("X-API-Key", key).get("/api/v1/territories").then().statusCode(200);

        // another gateway instance revokes it in the shared database; this one learns it from PostgreSQL's NOTIFY
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("gateway"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(
                     "update api_key set revoked_at = now(), revoked_by = 'other-instance' where key_hash = ?")) {
            ps.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8))));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() ->
                given().header("X-API-Key", key).get("/api/v1/territories").statusCode() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aKeyNotOfTheIssuedFormIsRefused() {
        given().header("X-API-Key", "' or 1=1 --").get("/api/v1/territories")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", "ti_" + "x".repeat(500)).get("/api/v1/territories").then().statusCode(401);
    }

    @Test
    void onlyTheNationalAdministratorManagesKeys() {
        String region = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"Région ARA\",\"role\":\"region\",\"regionCode\":\"84\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        given().header("X-API-Key", region).contentType("application/json")
                .body("{\"name\":\"x\",\"role\":\"national-admin\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(403).contentType("application/problem+json");
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"no scope\",\"role\":\"region\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(400).body("errors[0].field", equalTo("regionCode"));
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfter() {
        String team = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"Equipe Roanne\",\"role\":\"territory-team\",\"phase\":\"2019-2022\",\"tiId\":\"ti-8411\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", team).get("/api/v1/territories").then().statusCode(200);
        }
        given().header("X-API-Key", team).get("/api/v1/territories")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).header("RateLimit-Remaining", "0");
    }

    @Test
    void aDownServiceAnswers503AndASlowOne504WhileTheOthersKeepAnswering() {
        given().get("/api/v1/contracts").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("contract"));
        long t0 = System.nanoTime();
        given().get("/api/v1/measures/slow").then().statusCode(504).contentType("application/problem+json");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
        given().baseUri(ConfigProvider.getConfig().getValue("ti.gateway.services.measure.url", String.class))
                .get("/release-slow").then().statusCode(200);
        given().get("/api/v1/territories").then().statusCode(200);
    }

    @Test
    void bearerTokensOfTheConfiguredIdentityProviderAreAccepted() throws Exception {
        String token = Jwt.issuer(GatewayTestResource.IDP_ISSUER).subject("user-42").audience(GatewayTestResource.IDP_AUDIENCE)
                .claim("azp", "bpifrance-si").claim("ti_role", "region")
                .claim("ti_region", "84").jws().keyId("idp-1").sign(GatewayTestResource.idpKeys.getPrivate());
        JsonPath seen = given().auth().oauth2(token).get("/api/v1/territories").then().statusCode(200)
                .extract().jsonPath();
        assertThat(seen.getString("authorization")).as("the bearer token stays at the gateway").isNull();
        JsonWebToken identity = verify(seen.getString("identity"));
        assertThat(identity.getGroups()).containsExactly("region");
        assertThat(identity.getClaim("ti_region").toString()).contains("84");

        String foreign = Jwt.issuer(GatewayTestResource.IDP_ISSUER).subject("x").claim("ti_role", "national-admin")
                .sign(java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        given().auth().oauth2(foreign).get("/api/v1/territories").then().statusCode(401);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        byte[] big = new byte[11 * 1024 * 1024];
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/octet-stream").body(big)
                .post("/api/v1/territories/import").then().statusCode(413);
    }

    @Test
    void anOverlongUriIsRefusedWith414ProblemBeforeReachingAService() {
        given().get("/api/v1/territories/2019-2022/" + "a".repeat(5000)).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414));
    }

    @Test
    void aNulByteInTheUriIs400AndAMalformedKeyIdIs404NeverA500() {
        given().urlEncodingEnabled(false).header("X-API-Key", GatewayTestResource.ADMIN_KEY)
                .delete("/api/v1/admin/api-keys/key_%00").then().statusCode(400).contentType("application/problem+json");
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).delete("/api/v1/admin/api-keys/not-a-key-id").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theConsoleKeepsNoApiKeyInTheBrowsersStorage() {
        // finding 11 of issue 18: Swagger UI's persistAuthorization wrote the API key typed in the console to
        // localStorage, where any script of the origin (and anyone at the computer later) could read it
        String page = given().get("/console/").then().statusCode(200).extract().asString().replaceAll("\\s", "");
        assertThat(page).contains("persistAuthorization").doesNotContain("persistAuthorization:true")
                .doesNotContain("\"persistAuthorization\":true");
    }

    @Test
    void theConsoleListsEveryServiceDocument() {
        given().get("/console/").then().statusCode(200).body(containsString("swagger"));
        given().get("/docs/territory/openapi").then().statusCode(200).body("openapi", equalTo("3.1.0"));
    }

    @Test
    void aQueryThatIsNotValidPercentEncodingIsA400ProblemNamingTheParameter() throws Exception {
        // written on a socket: HTTP clients refuse to send such a URI, browsers and hand-written clients do not
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write(("GET /api/v1/contracts?limit=10&cursor=%%% HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"field\":\"cursor\"");
        }
    }

    @Test
    void aKeyIsNeverStoredWithAMalformedScopeWhateverItsRole() {
        // found by the fuzz test once the document gave the scope fields their patterns: the role ignored them
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"x\",\"role\":\"national-admin\",\"operatorCode\":\"00000\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("operatorCode"));
    }

    @Test
    void failedAuthenticationsAreBoundedPerClientAddressWith429BeforeAnyLookup() {
        // the test's gateway trusts 127.0.0.1 as a proxy, so X-Forwarded-For stands for distinct clients
        String attacker = "198.51.100.77";
        for (int i = 0; i < 20; i++) {
            given().header("X-Forwarded-For", attacker).header("X-API-Key", "ti_guess" + "x".repeat(30) + i)
                    .get("/api/v1/territories").then().statusCode(401);
        }
        given().header("X-Forwarded-For", attacker).header("X-API-Key", "ti_guess" + "y".repeat(30))
                .get("/api/v1/territories").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(429));
        // refused before the key is even looked up: a valid key from that address waits too
        given().header("X-Forwarded-For", attacker).header("X-API-Key", GatewayTestResource.ADMIN_KEY)
                .get("/api/v1/territories").then().statusCode(429);
        // and bearer tokens as well
        given().header("X-Forwarded-For", attacker).auth().oauth2("not.a.token")
                .get("/api/v1/territories").then().statusCode(429);
        // other clients are not affected, nor anonymous reads of open data from that address
        given().header("X-Forwarded-For", "198.51.100.78").header("X-API-Key", GatewayTestResource.ADMIN_KEY)
                .get("/api/v1/territories").then().statusCode(200);
        given().header("X-Forwarded-For", attacker).get("/api/v1/territories").then().statusCode(200);
    }

    @Test
    void anIpv6ClientCannotEscapeTheFailureLimitByRotatingAddressesInItsSlash64() {
        for (int i = 0; i < 20; i++) {
            given().header("X-Forwarded-For", "2001:db8:77:1::" + Integer.toHexString(i + 1))
                    .header("X-API-Key", "ti_guess" + "z".repeat(30) + i).get("/api/v1/territories").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "2001:db8:77:1:ffff::1").header("X-API-Key", "ti_guess" + "w".repeat(30))
                .get("/api/v1/territories").then().statusCode(429);
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/live", management = true)
    java.net.URL managementHealth;

    @Test
    void managementEndpointsAreNotOnThePublicPortButOnTheManagementInterface() {
        // finding 8 of issue 18: metrics and health answered anyone on the API port
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        // nor through a dot segment that would leave the routed resource on the service's side
        given().urlEncodingEnabled(false).get("/api/v1/territories/../../q/metrics").then().statusCode(400);
        given().urlEncodingEnabled(false).get("/api/v1/territories/%2e%2e/%2E%2E/q/metrics").then().statusCode(400);
        given().get(managementHealth.toString()).then().statusCode(200);
        // the console still reads the gateway's own document on the public port
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void eachServiceGetsAnIdentitySignedForItsOwnAudienceOnly() throws Exception {
        // finding 9 of issue 18: one identity token worked at all four services
        JsonWebToken territory = verify(given().get("/api/v1/territories").then().statusCode(200)
                .extract().jsonPath().getString("identity"));
        JsonWebToken funding = verify(given().get("/api/v1/funding/aggregates").then().statusCode(200)
                .extract().jsonPath().getString("identity"));
        assertThat(territory.getAudience()).containsExactly("ti-territory");
        assertThat(funding.getAudience()).containsExactly("ti-funding");
        assertThat(territory.getExpirationTime() - territory.getIssuedAtTime()).isLessThanOrEqualTo(60);
    }

    @Test
    void bearerTokensAreAcceptedOnlyWhenIssuedForThisApiToAnAuthorizedClient() {
        // finding 3 of issue 18: the audience was optional and unset, so any token of the provider was accepted
        java.security.PrivateKey idp = GatewayTestResource.idpKeys.getPrivate();
        String noAudience = Jwt.issuer(GatewayTestResource.IDP_ISSUER).subject("u").claim("ti_role", "national-admin")
                .jws().keyId("idp-1").sign(idp);
        String otherApp = Jwt.issuer(GatewayTestResource.IDP_ISSUER).subject("u").audience("webmail")
                .claim("ti_role", "national-admin").jws().keyId("idp-1").sign(idp);
        String otherClient = Jwt.issuer(GatewayTestResource.IDP_ISSUER).subject("u").audience(GatewayTestResource.IDP_AUDIENCE)
                .claim("azp", "some-other-client").claim("ti_role", "national-admin").jws().keyId("idp-1").sign(idp);
        String expired = Jwt.issuer(GatewayTestResource.IDP_ISSUER).subject("u").audience(GatewayTestResource.IDP_AUDIENCE)
                .claim("ti_role", "region").claim("ti_region", "84").issuedAt(java.time.Instant.now().minusSeconds(120))
                .expiresAt(java.time.Instant.now().minusSeconds(20)).jws().keyId("idp-1").sign(idp);
        for (String t : new String[]{noAudience, otherApp, otherClient, expired}) {
            given().header("X-Forwarded-For", "198.51.100.90").auth().oauth2(t).get("/api/v1/territories").then().statusCode(401);
        }
        String ours = Jwt.issuer(GatewayTestResource.IDP_ISSUER).subject("u").audience(GatewayTestResource.IDP_AUDIENCE)
                .claim("ti_role", "region").claim("ti_region", "84").jws().keyId("idp-1").sign(idp);
        given().header("X-Forwarded-For", "198.51.100.90").auth().oauth2(ours).get("/api/v1/territories").then().statusCode(200);
    }

    @Test
    void anIssuerWithoutAudienceOrAPlainHttpKeySetIsRefusedAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fr.gouv.ti.gateway.identity.BearerTokenVerifier
                .requireSafe("https://idp.example/jwks", java.util.Optional.empty(), false)).hasMessageContaining("audience");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fr.gouv.ti.gateway.identity.BearerTokenVerifier
                .requireSafe("http://idp.example/jwks", java.util.Optional.of("ti-api"), false)).hasMessageContaining("https");
        assertThat(fr.gouv.ti.gateway.identity.BearerTokenVerifier
                .requireSafe("https://idp.example/jwks", java.util.Optional.of("ti-api"), false)).isEqualTo("ti-api");
    }

    @Test
    void corsAnswersOnlyTheConfiguredOrigins() {
        // finding 11 of issue 18: every origin was allowed
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/territories").then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "https://evil.example").get("/api/v1/territories").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        given().header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/territories").then().header("Access-Control-Allow-Origin", "http://localhost:8080");
    }

    @Test
    void anonymousExportsAndAggregatesHaveTheirOwnStricterBucket() {
        // finding 7 of issue 18: /docs/* was not limited and exports cost a full scan per request
        String client = "198.51.100.121";
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", client).get("/api/v1/funding/exports/commitments.csv").then().statusCode(200);
        }
        given().header("X-Forwarded-For", client).get("/api/v1/funding/exports/commitments.csv").then().statusCode(429)
                .header("Retry-After", notNullValue()).contentType("application/problem+json");
        given().header("X-Forwarded-For", client).get("/api/v1/funding/aggregates").then().statusCode(429);
        // ordinary reads of that client go on
        given().header("X-Forwarded-For", client).get("/api/v1/territories").then().statusCode(200);

    }

    @Test
    void theDocumentsAndTheConsoleDrawOnTheAnonymousBucketOfTheAddress() throws Exception {
        // finding 7 of issue 18: /docs/* and /q/* were not limited, so one address could fetch them without bound
        String client = "198.51.100.122";
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean limited = new java.util.concurrent.atomic.AtomicBoolean();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String path = t % 2 == 0 ? "/docs/territory/openapi" : "/q/openapi";
                runs.add(pool.submit(() -> {
                    while (!limited.get() && System.nanoTime() < deadline) {
                        var r = given().header("X-Forwarded-For", client).get(path).then().extract();
                        if (r.statusCode() == 429) {
                            assertThat(r.contentType()).startsWith("application/problem+json");
                            assertThat(r.header("Retry-After")).isNotBlank();
                            limited.set(true);
                        } else {
                            served.incrementAndGet();
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> r : runs) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(limited).as("a 429 after " + served.get() + " documents served to one address").isTrue();
        // the bucket is the address's: another address is not affected
        given().header("X-Forwarded-For", "198.51.100.123").get("/docs/territory/openapi").then().statusCode(200);
    }

    @Test
    void aChunkedBodyIsCountedAsItStreamsAndCutWith413PastTheLimit() {
        // finding 11 of issue 18: a chunked body has no Content-Length for the edge to check
        java.io.InputStream big = new java.io.InputStream() {
            private long left = 11L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/octet-stream").body(big)
                .post("/api/v1/territories/import").then().statusCode(413).contentType("application/problem+json");
        // a small chunked body still goes through
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/octet-stream")
                .body(new java.io.ByteArrayInputStream(new byte[1000])).post("/api/v1/territories/import")
                .then().statusCode(200).body("bodyLength", equalTo(1000));
    }
}
