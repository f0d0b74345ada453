package fr.gouv.ti.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A write operation (POST, PUT, PATCH, DELETE) as a service's OpenAPI document describes it: what the fuzzer sends
 * malformed input to.
 */
record WriteOperation(String service, String method, String pathTemplate, List<String> pathParameters,
                      String mediaType, JsonNode bodySchema, boolean bodyRequired, JsonNode components) {

    private static final List<String> WRITE_METHODS = List.of("post", "put", "patch", "delete");

    /** Every write operation of one OpenAPI document. */
    static List<WriteOperation> of(String service, JsonNode openApi) {
        List<WriteOperation> ops = new ArrayList<>();
        JsonNode components = openApi.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
            for (String method : WRITE_METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<String> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    if ("path".equals(p.path("in").asText())) {
                        params.add(p.path("name").asText());
                    }
                }
                JsonNode content = op.path("requestBody").path("content");
                String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                JsonNode schema = mediaType == null ? null : content.path(mediaType).path("schema");
                boolean required = op.path("requestBody").path("required").asBoolean(false);
                ops.add(new WriteOperation(service, method.toUpperCase(), path.getKey(), params, mediaType, schema,
                        required, components));
            }
        }
        return ops;
    }

    boolean takesJson() {
        return mediaType != null && mediaType.contains("json");
    }

    /** Follows {@code $ref} and single-element {@code allOf} to the schema that describes the value. */
    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int depth = 0; s != null && depth < 10; depth++) {
            if (s.has("$ref")) {
                String ref = s.get("$ref").asText();
                s = components.get(ref.substring(ref.lastIndexOf('/') + 1));
            } else if (s.has("allOf") && s.get("allOf").size() == 1) {
                s = s.get("allOf").get(0);
            } else {
                return s;
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate + " (" + service + ")";
    }
}
