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
 * {@code application/problem+json}, never a 5xx; and no row changes in any database. Every read is fuzzed too, on
 * each query and path parameter the documents list: a malformed value is a 400 problem naming the parameter, an
 * unknown resource a 404 problem.
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
    private static final List<ReadOperation> READS = new ArrayList<>();
    /** Real values for path parameters, so that requests reach the body's validation. */
    private static final Map<String, String> PATH_VALUES = new TreeMap<>();
    /** The key of the role the fuzz runs as: the national administrator, then an operator, then a region. */
    private static String actingKey;
    private static String operatorKey;
    private static String regionKey;

    @BeforeAll
    static void discoverWriteOperations() throws Exception {
        LocalStack stack = Suite.stack();
        for (String service : List.of("territory", "contract", "measure", "funding")) {
            JsonNode doc = getJson(stack.gatewayUrl() + "/docs/" + service + "/openapi");
            OPERATIONS.addAll(WriteOperation.of(service, doc));
            READS.addAll(ReadOperation.of(service, doc));
        }
        JsonNode gateway = getJson(stack.gatewayUrl() + "/q/openapi?format=json");
        OPERATIONS.addAll(WriteOperation.of("gateway", gateway));
        READS.addAll(ReadOperation.of("gateway", gateway));
        assertThat(OPERATIONS).as("write operations found in the OpenAPI documents").hasSizeGreaterThan(20);

        // a contract and a fiche-action to aim at; other identifiers are well-formed but unknown
        String region = Suite.issueKey("Région Auvergne-Rhône-Alpes (fuzz)", "region", "\"regionCode\":\"84\"");
        regionKey = region;
        operatorKey = Suite.issueKey("Bpifrance SI (fuzz)", "operator", "\"operatorCode\":\"BPIFRANCE\"");
        actingKey = stack.adminKey();
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

    /**
     * The same body fuzz as an operator and as a region (issue 18, item 12): their requests take other paths
     * (scope checks before or after validation), and must end in a 4xx problem and write nothing just the same.
     */
    @Test
    void malformedBodiesAsAnOperatorAndAsARegionAreRefusedWithAProblemAndWriteNothing() throws Exception {
        try {
            for (String key : new String[]{operatorKey, regionKey}) {
                actingKey = key;
                malformedBodiesToEveryWriteEndpointAreRefusedWithAProblemAndWriteNothing();
            }
        } finally {
            actingKey = Suite.stack().adminKey();
        }
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

    /**
     * Every query and path parameter of every read, as the documents describe them: a value its schema forbids (not
     * a number, a date or a UUID, outside its bounds or enum, not matching its pattern, not valid percent-encoding)
     * is a 400 problem naming the parameter; a well-formed identifier of nothing is a 404 problem; never a 5xx.
     */
    @Test
    void malformedParametersOfEveryReadAreA400NamingThemAndUnknownResourcesA404() throws Exception {
        LocalStack stack = Suite.stack();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (ReadOperation op : READS) {
            HttpResponse<String> base = get(stack, op, readUrl(op, null, null), op.accept());
            sent++;
            if (base.statusCode() >= 500) {
                failures.add(op + " with valid parameters → " + base.statusCode() + " " + base.body());
            }
            for (ReadOperation.Param p : op.parameters()) {
                for (String bad : malformed(p)) {
                    HttpResponse<String> r = get(stack, op, readUrl(op, p, bad), op.accept());
                    sent++;
                    statuses.merge("GET " + r.statusCode(), 1, Integer::sum);
                    boolean named = r.statusCode() == 400 && namesParameter(r.body(), p.name());
                    // a query value may also be refused for what the request lacks anyway (the base answer)
                    boolean asBase = !p.inPath() && base.statusCode() >= 400 && r.statusCode() == base.statusCode();
                    if (!isProblem(r) || !(named || asBase)) {
                        failure(failures, op, p.name() + "=" + bad, "400 naming " + p.name(), r);
                    }
                }
                if (p.inPath()) {
                    String unknown = unknownButWellFormed(p);
                    HttpResponse<String> r = get(stack, op, readUrl(op, p, URLEncoder.encode(unknown, StandardCharsets.UTF_8)), op.accept());
                    sent++;
                    statuses.merge("GET " + r.statusCode(), 1, Integer::sum);
                    boolean ok = r.statusCode() == 404 || r.statusCode() == 400 && namesParameter(r.body(), p.name());
                    if (!isProblem(r) || !ok) {
                        failure(failures, op, p.name() + "=" + unknown + " (well-formed, unknown)", "404", r);
                    }
                }
            }
        }
        System.out.printf("fuzz: %d requests to %d read operations; statuses %s%n", sent, READS.size(), statuses);
        failures.forEach(f -> System.out.println("fuzz failure: " + f));
        assertThat(READS).as("read operations found in the OpenAPI documents").hasSizeGreaterThan(30);
        assertThat(failures).as("reads with a malformed or unknown parameter not refused with the right problem").isEmpty();
    }

    /** Values the parameter's schema forbids, already encoded for the URL (the first one is not valid encoding). */
    private static List<String> malformed(ReadOperation.Param p) {
        List<String> values = new ArrayList<>();
        if (!p.inPath()) {
            values.add("%%%");
        }
        JsonNode schema = p.schema();
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        switch (type) {
            case "integer" -> {
                values.add("ten");
                values.add("1.5");
                values.add("99999999999999999999");
                if (schema.has("minimum")) {
                    values.add(String.valueOf(schema.get("minimum").asLong() - 1));
                }
                if (schema.has("maximum")) {
                    values.add(String.valueOf(schema.get("maximum").asLong() + 1));
                }
            }
            case "boolean" -> values.add("maybe");
            case "string" -> {
                if (format.equals("uuid")) {
                    values.add("not-a-uuid");
                } else if (format.equals("date")) {
                    values.add("2020-02-30");
                    values.add("hier");
                } else if (format.equals("date-time")) {
                    values.add("yesterday");
                }
                if (schema.has("enum")) {
                    values.add("NOT_A_VALUE");
                }
                if (schema.has("pattern")) {
                    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(schema.get("pattern").asText());
                    for (String candidate : List.of("x", "0", "ti-", "2019", "a-b-c")) {
                        if (!pattern.matcher(candidate).find()) {
                            values.add(candidate);
                            break;
                        }
                    }
                }
            }
            default -> {
            }
        }
        return values.stream().map(v -> v.equals("%%%") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8)).toList();
    }

    /** An identifier its schema allows that names nothing: a random UUID, a huge number, the example with 9s. */
    private static String unknownButWellFormed(ReadOperation.Param p) {
        JsonNode schema = p.schema();
        if ("uuid".equals(schema.path("format").asText())) {
            return UUID.randomUUID().toString();
        }
        if ("integer".equals(schema.path("type").asText())) {
            return "999999999";
        }
        String example = p.example() == null ? null : p.example().asText();
        String nines = example == null ? null : example.replaceAll("[0-9]", "9");
        if (nines != null && !nines.equals(example)) {
            return nines;
        }
        return "ZZ-UNKNOWN-9";
    }

    private static String readUrl(ReadOperation op, ReadOperation.Param replaced, String value) {
        String path = op.pathTemplate();
        StringBuilder query = new StringBuilder();
        for (ReadOperation.Param p : op.parameters()) {
            String v = p == replaced ? value : null;
            if (p.inPath()) {
                if (v == null) {
                    v = URLEncoder.encode(PATH_VALUES.containsKey(p.name()) && !"code".equals(p.name())
                            ? PATH_VALUES.get(p.name())
                            : p.example() != null ? p.example().asText() : PATH_VALUES.getOrDefault(p.name(), "x"),
                            StandardCharsets.UTF_8);
                }
                path = path.replace("{" + p.name() + "}", v);
            } else {
                if (v == null && p.required()) {
                    v = URLEncoder.encode(p.example() != null ? p.example().asText() : "x", StandardCharsets.UTF_8);
                }
                if (v != null) {
                    query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=').append(v);
                }
            }
        }
        return path + query;
    }

    private static HttpResponse<String> get(LocalStack stack, ReadOperation op, String pathAndQuery, String accept)
            throws Exception {
        if (pathAndQuery.contains("%%")) {
            return RawRequest.get(stack.gatewayUrl(), pathAndQuery, stack.adminKey(), accept);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", stack.adminKey())
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isProblem(HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        boolean leaks = r.body().contains("\tat ") || r.body().contains("Exception:") || r.body().contains("org.hibernate");
        return r.statusCode() < 500 && type.startsWith("application/problem+json") && r.body().contains("\"status\"") && !leaks;
    }

    private static boolean namesParameter(String body, String name) {
        try {
            JsonNode problem = JSON.readTree(body);
            for (JsonNode e : problem.path("errors")) {
                if (name.equals(e.path("field").asText())) {
                    return true;
                }
            }
            return problem.path("detail").asText("").contains(name);
        } catch (Exception e) {
            return false;
        }
    }

    private static void failure(List<String> failures, ReadOperation op, String what, String expected, HttpResponse<String> r) {
        if (failures.size() < 40) {
            failures.add("%s [%s] expected %s → %d %s %s".formatted(op, what, expected, r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(""), r.body().length() > 300 ? r.body().substring(0, 300) : r.body()));
        }
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
                .header("X-API-Key", actingKey != null ? actingKey : stack.adminKey())
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
