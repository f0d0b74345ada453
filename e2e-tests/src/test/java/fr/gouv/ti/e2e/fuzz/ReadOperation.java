package fr.gouv.ti.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A read operation (GET) as an OpenAPI document describes it, with its query and path parameters. */
record ReadOperation(String service, String pathTemplate, List<Param> parameters, String accept) {

    /** One parameter and its schema ({@code $ref} resolved). */
    record Param(String name, String in, boolean required, JsonNode schema, JsonNode example) {
        boolean inPath() {
            return "path".equals(in);
        }
    }

    static List<ReadOperation> of(String service, JsonNode openApi) {
        List<ReadOperation> ops = new ArrayList<>();
        JsonNode components = openApi.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> path : openApi.path("paths").properties()) {
            JsonNode op = path.getValue().get("get");
            if (op == null) {
                continue;
            }
            List<Param> params = new ArrayList<>();
            for (JsonNode p : op.path("parameters")) {
                String in = p.path("in").asText();
                if (!in.equals("query") && !in.equals("path")) {
                    continue;
                }
                JsonNode schema = p.path("schema");
                for (int i = 0; i < 5 && schema.has("$ref"); i++) {
                    String ref = schema.get("$ref").asText();
                    schema = components.path(ref.substring(ref.lastIndexOf('/') + 1));
                }
                params.add(new Param(p.path("name").asText(), in, p.path("required").asBoolean(false), schema,
                        p.has("example") ? p.get("example") : schema.get("example")));
            }
            JsonNode content = op.path("responses").path("200").path("content");
            String accept = content.fieldNames().hasNext() ? content.fieldNames().next() : "*/*";
            ops.add(new ReadOperation(service, path.getKey(), params, accept));
        }
        return ops;
    }

    @Override
    public String toString() {
        return "GET " + pathTemplate + " (" + service + ")";
    }
}
