package fr.gouv.ti.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AsyncAPI 3 document of a service ({@code src/main/resources/asyncapi.yaml}) as a contract: every event type a
 * service emits must be a message of the document ({@code name} = CloudEvents type) and its payload must validate
 * against the message's JSON Schema ({@code $ref}s into {@code components.schemas} are resolved).
 */
public final class AsyncApiContract {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;

    private AsyncApiContract(JsonNode document) {
        this.document = document;
    }

    public static AsyncApiContract load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("no asyncapi.yaml on the classpath");
            }
            JsonNode doc = YAML.readTree(in);
            if (!doc.path("asyncapi").asText().startsWith("3.")) {
                throw new IllegalStateException("asyncapi.yaml is not an AsyncAPI 3 document");
            }
            return new AsyncApiContract(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CloudEvents types declared as messages. */
    public Set<String> messageTypes() {
        Set<String> types = new java.util.TreeSet<>();
        document.path("components").path("messages").forEach(m -> types.add(m.path("name").asText()));
        return types;
    }

    /** Throws AssertionError if the type is undeclared or the payload does not match its schema. */
    public void assertValid(String ceType, String payloadJson) {
        JsonNode message = null;
        for (JsonNode m : document.path("components").path("messages")) {
            if (ceType.equals(m.path("name").asText())) {
                message = m;
            }
        }
        if (message == null) {
            throw new AssertionError("event type " + ceType + " is not documented in asyncapi.yaml; documented: "
                    + messageTypes());
        }
        try {
            JsonSchema schema = schemaOf(message.path("payload"));
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(payloadJson));
            if (!errors.isEmpty()) {
                throw new AssertionError("payload of " + ceType + " does not match its schema: "
                        + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "))
                        + "\npayload: " + payloadJson);
            }
        } catch (IOException e) {
            throw new AssertionError("payload of " + ceType + " is not JSON: " + payloadJson, e);
        }
    }

    private JsonSchema schemaOf(JsonNode payload) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        JsonNode body = rewriteRefs(payload.deepCopy());
        if (body.isObject()) {
            root.setAll((ObjectNode) body);
        }
        root.set("$defs", rewriteRefs(document.path("components").path("schemas").deepCopy()));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            for (Map.Entry<String, JsonNode> f : fields) {
                if (f.getKey().equals("$ref") && f.getValue().isTextual()) {
                    o.put("$ref", f.getValue().asText().replace("#/components/schemas/", "#/$defs/"));
                } else {
                    o.set(f.getKey(), rewriteRefs(f.getValue()));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, rewriteRefs(node.get(i)));
            }
        }
        return node;
    }
}
