package fr.gouv.ti.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.e2e.Programme;
import fr.gouv.ti.e2e.Suite;
import fr.gouv.ti.localstack.LocalStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of every write operation of the suite, through the gateway, as the national administrator
 * (the caller who gets furthest into each service). The operations come from the services' own OpenAPI documents,
 * so a new endpoint is fuzzed without touching this test. Properties: every malformed request gets a 4xx
 * {@code application/problem+json}, never a 5xx; and no row changes in any database.
 * <p>
 * The generator is seeded; a failure prints the seed, and {@code -Dti.fuzz.seed=<seed>} replays the same run.
 * {@code -Dti.fuzz.cases=<n>} sets the cases per operation.
 */
class WriteEndpointsFuzzIT {

    private static final long SEED = Long.getLong("ti.fuzz.seed", System.currentTimeMillis());
    private static final int CASES = Integer.getInteger("ti.fuzz.cases", 60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<WriteOperation> OPERATIONS = new ArrayList<>();
    /** Real values for path parameters, so that requests reach the body's validation. */
    private static final Map<String, String> PATH_VALUES = new TreeMap<>();

    @BeforeAll
    static void discoverWriteOperations() throws Exception {
        LocalStack stack = Suite.stack();
        for (String service : List.of("territory", "contract", "measure", "funding")) {
            JsonNode doc = getJson(stack.gatewayUrl() + "/docs/" + service + "/openapi");
            OPERATIONS.addAll(WriteOperation.of(service, doc));
        }
        OPERATIONS.addAll(WriteOperation.of("gateway", getJson(stack.gatewayUrl() + "/q/openapi?format=json")));
        assertThat(OPERATIONS).as("write operations found in the OpenAPI documents").hasSizeGreaterThan(20);

        // a contract and a fiche-action to aim at; other identifiers are well-formed but unknown
        String region = Suite.issueKey("Région Auvergne-Rhône-Alpes (fuzz)", "region", "\"regionCode\":\"84\"");
        String team = Suite.issueKey("Equipe Rumilly (fuzz)", "territory-team", "\"phase\":\"2019-2022\",\"tiId\":\"ti-8412\"");
        String contractId = Programme.openContract(region, "ti-8412");
        // CC Rumilly Terre de Savoie, in the perimeter of ti-8412
        String actionId = Programme.action(team, contractId, "Essai", "INNOVER", "INNOVER-01", "2020-01-15", 100_000,
                "CC Rumilly Terre de Savoie", "247400740");
        // the set-up's own events must have landed before any row is counted
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Suite.asAdmin().get("/api/v1/funding/actions/" + actionId).then().statusCode(200);
            Suite.anonymous().get("/api/v1/territories/2019-2022/ti-8412/summary").then().statusCode(200)
                    .body("actionCount", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        });
        PATH_VALUES.put("contractId", contractId);
        PATH_VALUES.put("actionId", actionId);
        PATH_VALUES.put("phase", "2019-2022");
        PATH_VALUES.put("tiId", "ti-8412");
        PATH_VALUES.put("code", "INNOVER-01");
        PATH_VALUES.put("measureCode", "INNOVER-01");
        PATH_VALUES.put("sourceCode", "PIC");
        PATH_VALUES.put("regionCode", "84");
        PATH_VALUES.put("version", "1");
    }

    @Test
    void malformedBodiesToEveryWriteEndpointAreRefusedWithAProblemAndWriteNothing() throws Exception {
        LocalStack stack = Suite.stack();
        DatabaseSnapshot before = quiescentSnapshot();
        Random random = new Random(SEED);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (WriteOperation op : OPERATIONS) {
            MalformedInput input = new MalformedInput(op, random);
            for (int i = 0; i < CASES; i++) {
                MalformedInput.Case c = input.next();
                HttpResponse<String> r = send(stack, op.method(), path(op, null), c.contentType(), c.body(), idempotencyKey(random));
                sent++;
                statuses.merge(op.method() + " " + r.statusCode(), 1, Integer::sum);
                check(op, c.kind(), c.preview(), r, failures);
            }
        }
        report(sent, statuses, failures);
        assertThat(failures).as("requests not refused with a 4xx problem (seed %d)", SEED).isEmpty();
        assertNothingWritten(before);
    }

    @Test
    void malformedPathsAndHeadersOnEveryWriteEndpointAreRefusedAndWriteNothing() throws Exception {
        LocalStack stack = Suite.stack();
        DatabaseSnapshot before = quiescentSnapshot();
        Random random = new Random(SEED + 1);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        // sent as they are: escapes a client could send (NUL, ../, Latin-1, space)
        String[] escapedSegments = {"%00", "%2e%2e%2f", "%E9t%E9", "%20", "%2F", "%25", "%C0%AF"};
        // percent-encoded before sending
        String[] plainSegments = {"0", "-1", "99999999999999999999", "..", "null", "ti-", "2019-2022x",
                "00000000-0000-0000-0000-000000000000", "a".repeat(3000), "'; drop table account;--", "été", "{id}"};
        for (WriteOperation op : OPERATIONS) {
            MalformedInput bodies = new MalformedInput(op, random);
            for (int i = 0; i < CASES / 3; i++) {
                MalformedInput.Case c = bodies.next();
                String kind;
                HttpResponse<String> r;
                if (!op.pathParameters().isEmpty() && random.nextBoolean()) {
                    String junk = random.nextInt(3) == 0 ? escapedSegments[random.nextInt(escapedSegments.length)]
                            : URLEncoder.encode(plainSegments[random.nextInt(plainSegments.length)], StandardCharsets.UTF_8);
                    kind = "path parameter " + (junk.length() > 20 ? junk.substring(0, 20) + "…" : junk) + ", " + c.kind();
                    r = send(stack, op.method(), path(op, junk), c.contentType(), c.body(), idempotencyKey(random));
                } else {
                    String key = switch (random.nextInt(3)) {
                        case 0 -> "k".repeat(256 + random.nextInt(2000));
                        case 1 -> "clé-é-" + random.nextInt(); // not ASCII
                        default -> " ";
                    };
                    kind = "Idempotency-Key of " + key.length() + " chars, " + c.kind();
                    r = send(stack, op.method(), path(op, null), c.contentType(), c.body(), key);
                }
                sent++;
                statuses.merge(op.method() + " " + r.statusCode(), 1, Integer::sum);
                check(op, kind, c.preview(), r, failures);
            }
        }
        report(sent, statuses, failures);
        assertThat(failures).as("requests not refused with a 4xx problem (seed %d)", SEED).isEmpty();
        assertNothingWritten(before);
    }

    private static void check(WriteOperation op, String kind, String body, HttpResponse<String> r, List<String> failures) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        boolean refused = r.statusCode() >= 400 && r.statusCode() < 500;
        boolean problem = type.startsWith("application/problem+json") && r.body().contains("\"status\"");
        boolean leaks = r.body().contains("\tat ") || r.body().contains("Exception:") || r.body().contains("org.hibernate");
        if ((!refused || !problem || leaks) && failures.size() < 25) {
            failures.add("%s [%s] → %d %s %s%n    body sent: %s".formatted(op, kind, r.statusCode(), type,
                    r.body().length() > 400 ? r.body().substring(0, 400) : r.body(), body));
        }
    }

    private static void report(int sent, Map<String, Integer> statuses, List<String> failures) {
        System.out.printf("fuzz: %d requests to %d write operations, seed %d; statuses %s%n", sent, OPERATIONS.size(), SEED, statuses);
        failures.forEach(f -> System.out.println("fuzz failure: " + f));
    }

    private static void assertNothingWritten(DatabaseSnapshot before) {
        Map<String, String> changed = before.differences(quiescentSnapshot());
        assertThat(changed).as("tables whose row count changed (seed %d)", SEED).isEmpty();
    }

    /** Waits until no event from earlier tests is still being applied, so that the row counts can be compared. */
    private static DatabaseSnapshot quiescentSnapshot() {
        AtomicReference<DatabaseSnapshot> last = new AtomicReference<>(DatabaseSnapshot.take());
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            DatabaseSnapshot now = DatabaseSnapshot.take();
            return last.getAndSet(now).equals(now) ? now : null;
        }, java.util.Objects::nonNull);
    }

    private static String path(WriteOperation op, String junk) {
        String p = op.pathTemplate();
        for (String name : op.pathParameters()) {
            String value = junk != null ? junk : PATH_VALUES.getOrDefault(name, name.toLowerCase().endsWith("id")
                    ? UUID.randomUUID().toString() : "x");
            p = p.replace("{" + name + "}", junk != null ? junk : URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static String idempotencyKey(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static HttpResponse<String> send(LocalStack stack, String method, String path, String contentType, byte[] body,
                                             String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", stack.adminKey())
                .header("Content-Type", contentType)
                .header("If-Match", "\"0\"")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            b.header("Idempotency-Key", idempotencyKey);
        } catch (IllegalArgumentException notSendable) {
            // java.net.http refuses some header values outright; those never reach a server anyway
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
