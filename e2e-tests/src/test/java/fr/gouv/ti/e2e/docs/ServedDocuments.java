package fr.gouv.ti.e2e.docs;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI documents as the gateway serves them to the console (the four services' and its own), and what they
 * promise about one exchange: the operation it is, the statuses, media types and body schemas it may have.
 * Bodies are checked with a JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1), formats asserted.
 */
public final class ServedDocuments {

    public static final List<String> SERVICES = List.of("territory", "contract", "measure", "funding", "webhook");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH).build()));

    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** One operation of one document, with the regular expression of its path template. */
    public record Operation(String document, String method, String template, Pattern path, JsonNode node,
                            JsonNode root, int literalLength) {

        public String id() {
            return node.path("operationId").asString("?");
        }
    }

    private ServedDocuments() {
    }

    /** Loads the documents from the gateway at {@code gatewayUrl}. */
    public static ServedDocuments load(String gatewayUrl) {
        ServedDocuments docs = new ServedDocuments();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String service : SERVICES) {
            docs.add(service, get(http, gatewayUrl + "/docs/" + service + "/openapi"));
        }
        docs.add("gateway", get(http, gatewayUrl + "/q/openapi?format=json"));
        return docs;
    }

    public List<Operation> operations() {
        return operations;
    }

    private void add(String name, JsonNode doc) {
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            String template = path.getKey();
            Pattern regex = Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            int literal = template.replaceAll("\\{[^}]+}", "").length();
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (List.of("get", "put", "post", "delete", "patch", "head").contains(op.getKey())) {
                    operations.add(new Operation(name, op.getKey().toUpperCase(Locale.ROOT), template, regex,
                            op.getValue(), doc, literal));
                }
            }
        }
    }

    /** The documented operation for a method and a raw path (the most specific template wins: /current over /{n}). */
    public Optional<Operation> find(String method, String rawPath) {
        return operations.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(rawPath).matches())
                .max(Comparator.comparingInt(Operation::literalLength));
    }

    /** What is wrong with one exchange according to its operation; empty when it conforms. */
    public List<String> check(Operation op, int status, String contentType, String body, String requestContentType,
                              String requestBody) {
        List<String> violations = new ArrayList<>();
        JsonNode responses = op.node().path("responses");
        JsonNode response = responses.get(String.valueOf(status));
        if (response == null) {
            response = responses.get(String.valueOf(status).charAt(0) + "XX");
        }
        if (response == null) {
            response = responses.get("default");
        }
        if (response == null) {
            violations.add("status " + status + " is not documented (documented: " + responses.propertyNames() + ")");
            return violations;
        }
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        String media = mediaType(contentType);
        if (hasBody && !content.isObject()) {
            violations.add("status " + status + " is documented without a body, got " + media);
        } else if (hasBody) {
            JsonNode documented = content.get(media);
            if (documented == null) {
                violations.add("content type " + media + " is not documented for status " + status
                        + " (documented: " + content.propertyNames() + ")");
            } else if (isJson(media) && documented.has("schema")) {
                violations.addAll(validate(op, documented.get("schema"), body, "response body"));
            }
        }
        // a request the service accepted must be one the document allows (else a generated client could not send it)
        if (status >= 200 && status < 300 && requestBody != null && !requestBody.isEmpty()) {
            JsonNode requestContent = op.node().path("requestBody").path("content").get(mediaType(requestContentType));
            if (requestContent == null) {
                violations.add("the request's content type " + mediaType(requestContentType) + " is not documented");
            } else if (isJson(mediaType(requestContentType)) && requestContent.has("schema")) {
                violations.addAll(validate(op, requestContent.get("schema"), requestBody, "request body"));
            }
        }
        return violations;
    }

    private List<String> validate(Operation op, JsonNode schemaNode, String body, String what) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (RuntimeException e) {
            return List.of(what + " is not JSON: " + e.getMessage());
        }
        String key = op.document() + " " + schemaNode;
        Schema schema = compiled.computeIfAbsent(key, k -> {
            // the schema with the document's components beside it, so that #/components/schemas/... resolves
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            wrapper.set("components", op.root().path("components"));
            wrapper.set("allOf", JSON.createArrayNode().add(schemaNode));
            return SCHEMAS.getSchema(wrapper.toString(), InputFormat.JSON);
        });
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(instance)) {
            out.add(what + " " + e.getInstanceLocation() + ": " + e.getMessage());
            if (out.size() >= 10) {
                break;
            }
        }
        return out;
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String media) {
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static JsonNode get(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
            }
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("GET " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
