package fr.gouv.ti.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Generates request bodies that are wrong by construction for one operation: each case starts from a plausible body
 * built from the operation's schema and breaks it in one way a client could (bad syntax, wrong JSON type, value out
 * of its bounds, missing required field, unknown field, oversized text, wrong media type). No case is a valid request,
 * so every one must be refused with a 4xx problem and change nothing.
 */
final class MalformedInput {

    /** One generated request: its body, its media type and what was broken, for the failure report. */
    record Case(String kind, String contentType, byte[] body) {
        String preview() {
            String s = new String(body, StandardCharsets.UTF_8);
            return s.length() > 300 ? s.substring(0, 300) + "…(" + body.length + " bytes)" : s;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] GARBAGE = {"", " ", "{", "}", "[", "{\"a\":", "{,}", "nul", "{'a':1}", "{\"a\" 1}",
            "\u0000", "{\"a\":1,}", "[1,2", "{}}", "{} {}", "<xml/>", "a=1&b=2", "{\"a\":\"\\x\"}",
            "{\"a\":\"\\ud800\"}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":1e99999}"};

    private final WriteOperation op;
    private final Random random;

    MalformedInput(WriteOperation op, Random random) {
        this.op = op;
        this.random = random;
    }

    Case next() {
        if (!op.takesJson()) {
            return nextText();
        }
        JsonNode schema = op.resolve(op.bodySchema());
        ObjectNode base = schema != null && schema.has("properties") ? (ObjectNode) plausible(schema, 0) : NODES.objectNode();
        return switch (random.nextInt(10)) {
            case 0 -> syntax(base);
            case 1 -> wrongTopLevel();
            case 2 -> new Case("media type", pick("text/plain", "application/xml", "application/x-www-form-urlencoded"),
                    bytes(base.toString()));
            case 3 -> unknownField(base);
            case 4 -> missingRequired(schema, base);
            default -> brokenField(schema, base);
        };
    }

    // --- bodies that are not JSON, or not the JSON the operation reads

    private Case syntax(ObjectNode base) {
        String text = base.toString();
        return switch (random.nextInt(4)) {
            case 0 -> new Case("truncated", "application/json", bytes(text.substring(0, 1 + random.nextInt(Math.max(1, text.length() - 2)))));
            case 1 -> new Case("trailing tokens", "application/json", bytes(text + pick("}", " x", ",", " {}", "]")));
            case 2 -> {
                byte[] raw = new byte[1 + random.nextInt(64)];
                random.nextBytes(raw);
                raw[0] = (byte) (0x80 | raw[0]); // never valid as the first byte of UTF-8
                yield new Case("random bytes", "application/json", raw);
            }
            default -> {
                String garbage = pick(GARBAGE);
                // an optional body may be absent: "", blanks and null mean "no body" there, which is valid
                yield garbage.isBlank() && !op.bodyRequired() ? wrongTopLevel() : new Case("garbage", "application/json", bytes(garbage));
            }
        };
    }

    private Case wrongTopLevel() {
        String value = pick("[]", "[{}]", "\"text\"", "42", "-1", "true", "null", "0.5");
        if (value.equals("null") && !op.bodyRequired()) {
            value = "false";
        }
        return new Case("wrong top-level type", "application/json", bytes(value));
    }

    private Case unknownField(ObjectNode base) {
        ObjectNode body = base.deepCopy();
        body.put(pick("id", "createdAt", "balanceCents", "isAdmin", "__proto__", "x") + random.nextInt(1000), "unexpected");
        return new Case("unknown field", "application/json", bytes(body.toString()));
    }

    private Case missingRequired(JsonNode schema, ObjectNode base) {
        List<String> required = new ArrayList<>();
        if (schema != null) {
            schema.path("required").forEach(r -> required.add(r.asText()));
        }
        if (required.isEmpty()) {
            return brokenField(schema, base);
        }
        ObjectNode body = base.deepCopy();
        String field = required.get(random.nextInt(required.size()));
        if (random.nextBoolean()) {
            body.remove(field);
            return new Case("missing required " + field, "application/json", bytes(body.toString()));
        }
        body.putNull(field);
        return new Case("null required " + field, "application/json", bytes(body.toString()));
    }

    /** Breaks one field, at any depth, in a way its schema forbids. */
    private Case brokenField(JsonNode schema, ObjectNode base) {
        ObjectNode body = base.deepCopy();
        List<String> paths = new ArrayList<>();
        collectFields(schema, "", paths, 0);
        if (paths.isEmpty()) {
            return syntax(base);
        }
        String path = paths.get(random.nextInt(paths.size()));
        JsonNode fieldSchema = fieldSchema(schema, path);
        Broken broken = breakValue(fieldSchema);
        if (broken == null) {
            return wrongTopLevel();
        }
        set(body, path, broken.value());
        return new Case(broken.kind() + " at " + path, "application/json", bytes(body.toString()));
    }

    private record Broken(String kind, JsonNode value) {
    }

    private Broken breakValue(JsonNode schema) {
        String type = schema.path("type").asText("");
        List<Broken> options = new ArrayList<>();
        switch (type) {
            case "string" -> {
                options.add(new Broken("object for string", NODES.objectNode().put("a", 1)));
                options.add(new Broken("array for string", NODES.arrayNode().add("a").add("b")));
                if (schema.has("maxLength")) {
                    int max = schema.get("maxLength").asInt();
                    options.add(new Broken("longer than " + max, NODES.textNode(letters(max + 1 + random.nextInt(Math.max(1, max * 3))))));
                }
                if (schema.has("minLength") && schema.get("minLength").asInt() > 0) {
                    options.add(new Broken("shorter than " + schema.get("minLength").asInt(), NODES.textNode("")));
                }
                if (schema.has("pattern")) {
                    String candidate = nonMatching(schema.get("pattern").asText());
                    if (candidate != null) {
                        options.add(new Broken("not matching " + schema.get("pattern").asText(), NODES.textNode(candidate)));
                    }
                }
                if (schema.has("enum")) {
                    options.add(new Broken("not in enum", NODES.textNode("NOT_A_VALUE_" + random.nextInt(100))));
                }
                String format = schema.path("format").asText("");
                if (format.equals("date")) {
                    options.add(new Broken("impossible date", NODES.textNode(pick("2020-02-30", "2019-13-01", "2019-00-10", "19-01-2020", "2020/01/01", "hier", "+999999999-12-31"))));
                } else if (format.equals("uuid")) {
                    options.add(new Broken("not a uuid", NODES.textNode(pick("1234", "not-a-uuid", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"))));
                } else if (format.equals("date-time")) {
                    options.add(new Broken("impossible date-time", NODES.textNode("2020-02-30T25:61:00Z")));
                }
            }
            case "integer", "number" -> {
                options.add(new Broken("text for number", NODES.textNode(pick("abc", "", "1,5", "ten", "0x10"))));
                options.add(new Broken("object for number", NODES.objectNode()));
                options.add(new Broken("array for number", NODES.arrayNode().add(1)));
                if ("integer".equals(type)) {
                    options.add(new Broken("decimal for integer", NODES.numberNode(new java.math.BigDecimal("1.5"))));
                    options.add(new Broken("integer overflow", NODES.numberNode(new java.math.BigInteger("99999999999999999999999"))));
                }
                if (schema.has("maximum")) {
                    long max = schema.get("maximum").asLong();
                    options.add(new Broken("above maximum", NODES.numberNode(max == Long.MAX_VALUE ? max : max + 1 + random.nextInt(1000))));
                }
                Long floor = lowestInvalid(schema);
                if (floor != null) {
                    options.add(new Broken("below minimum", NODES.numberNode(floor - random.nextInt(1000))));
                }
            }
            case "boolean" -> {
                options.add(new Broken("text for boolean", NODES.textNode(pick("maybe", "oui", "yes please"))));
                options.add(new Broken("object for boolean", NODES.objectNode()));
            }
            case "array" -> {
                options.add(new Broken("object for array", NODES.objectNode().put("a", 1)));
                options.add(new Broken("text for array", NODES.textNode("a,b")));
                if (schema.has("maxItems")) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                        many.add(plausible(op.resolve(schema.path("items")), 1));
                    }
                    options.add(new Broken("more items than " + schema.get("maxItems").asInt(), many));
                }
            }
            case "object" -> {
                options.add(new Broken("text for object", NODES.textNode("x")));
                options.add(new Broken("array for object", NODES.arrayNode().add(1)));
            }
            default -> {
                return null;
            }
        }
        return options.get(random.nextInt(options.size()));
    }

    // --- non-JSON bodies (CSV imports)

    private Case nextText() {
        String ct = op.mediaType() == null ? "application/octet-stream" : op.mediaType();
        return switch (random.nextInt(5)) {
            case 0 -> new Case("empty", ct, new byte[0]);
            case 1 -> {
                byte[] raw = new byte[1 + random.nextInt(512)];
                random.nextBytes(raw);
                raw[0] = (byte) 0xC3; // an unfinished UTF-8 sequence...
                raw[Math.min(1, raw.length - 1)] = (byte) 0x28; // ...that no decoder accepts
                yield new Case("binary", ct, raw);
            }
            case 2 -> new Case("header only, wrong", ct, bytes(pick("a;b;c\n", "phase,ti_id\n", "\n\n\n", "\"unclosed\n")));
            case 3 -> new Case("json for csv", ct, bytes("{\"phase\":\"2019-2022\"}"));
            default -> new Case("wrong columns", ct, bytes("phase,ti_id,unknown_column\n2019-2022,ti-0000,\"x\n" + letters(random.nextInt(200))));
        };
    }

    // --- plausible values from the schema, so that each case is wrong in one place only

    private JsonNode plausible(JsonNode schema, int depth) {
        if (schema == null || depth > 4) {
            return NODES.nullNode();
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (schema.path("type").asText("")) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    o.set(name, plausible(op.resolve(schema.path("properties").get(name)), depth + 1));
                }
                return o;
            }
            case "array" -> {
                return NODES.arrayNode().add(plausible(op.resolve(schema.path("items")), depth + 1));
            }
            case "integer", "number" -> {
                Long floor = lowestInvalid(schema);
                return NODES.numberNode(floor == null ? 1 : floor + 1);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return switch (schema.path("format").asText("")) {
                    case "date" -> NODES.textNode("2020-01-15");
                    case "date-time" -> NODES.textNode("2020-01-15T10:00:00Z");
                    case "uuid" -> NODES.textNode("3f1b6a3e-2c2e-4a53-9d2a-6d1f0c1b2a3e");
                    default -> NODES.textNode("Essai");
                };
            }
        }
    }

    private void collectFields(JsonNode schema, String prefix, List<String> out, int depth) {
        if (schema == null || depth > 3) {
            return;
        }
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode child = op.resolve(schema.path("properties").get(name));
            if (child != null && breakable(child)) {
                out.add(path);
            }
            if (child != null && "object".equals(child.path("type").asText())) {
                collectFields(child, path, out, depth + 1);
            }
        }
    }

    /** A field with a declared type: a value of another JSON type is always refused. */
    private static boolean breakable(JsonNode s) {
        return s.has("type");
    }

    /** The greatest value below the field's lower bound (OpenAPI 3.0 boolean or 3.1 numeric exclusiveMinimum). */
    private static Long lowestInvalid(JsonNode s) {
        JsonNode exclusive = s.get("exclusiveMinimum");
        if (exclusive != null && exclusive.isNumber()) {
            return exclusive.asLong();
        }
        if (s.has("minimum")) {
            long min = s.get("minimum").asLong();
            return exclusive != null && exclusive.asBoolean() ? min : min - 1;
        }
        return null;
    }

    private JsonNode fieldSchema(JsonNode schema, String path) {
        JsonNode s = schema;
        for (String part : path.split("\\.")) {
            s = op.resolve(s.path("properties").get(part));
        }
        return s;
    }

    private static void set(ObjectNode body, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode o = body;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = o.get(parts[i]);
            if (!(next instanceof ObjectNode)) {
                next = o.putObject(parts[i]);
            }
            o = (ObjectNode) next;
        }
        o.set(parts[parts.length - 1], value);
    }

    private String nonMatching(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null;
        }
        for (int i = 0; i < 20; i++) {
            String s = pick("", " ", "x", "ti-", "2019", "00000", "ABC DEF", "12345678901234567", "é", "../etc", "null",
                    letters(1 + random.nextInt(20)), String.valueOf(random.nextLong()));
            // invalid under both readings of a pattern: JSON Schema's (found anywhere, as for @NotBlank's "\\S")
            // and Bean Validation's (whole value)
            if (!p.matcher(s).find()) {
                return s;
            }
        }
        return null;
    }

    private String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
