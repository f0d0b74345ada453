package fr.gouv.ti.funding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of a Frictionless Table Schema that the SCDL Subventions schema uses, applied to CSV rows: field names
 * and order, required-ness, types (string, integer, number, date), pattern, enum, minimum, maximum, maxLength.
 */
final class TableSchema {

    private final JsonNode fields;

    private TableSchema(JsonNode schema) {
        this.fields = schema.path("fields");
    }

    static TableSchema load(String resource) {
        try (InputStream in = TableSchema.class.getResourceAsStream(resource)) {
            return new TableSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        fields.forEach(f -> out.add(f.path("name").asText()));
        return out;
    }

    /** What is wrong with one row, field by field (empty: it meets the schema). */
    List<String> violations(Map<String, String> row) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : fields) {
            String name = f.path("name").asText();
            String value = row.getOrDefault(name, "");
            JsonNode c = f.path("constraints");
            if (value.isEmpty()) {
                if (c.path("required").asBoolean(false)) {
                    out.add(name + ": required");
                }
                continue;
            }
            String type = f.path("type").asText("string");
            try {
                switch (type) {
                    case "integer" -> Long.parseLong(value);
                    case "number" -> {
                        BigDecimal n = new BigDecimal(value);
                        if (c.has("minimum") && n.compareTo(c.get("minimum").decimalValue()) < 0) {
                            out.add(name + ": " + value + " below " + c.get("minimum"));
                        }
                        if (c.has("maximum") && n.compareTo(c.get("maximum").decimalValue()) > 0) {
                            out.add(name + ": " + value + " above " + c.get("maximum"));
                        }
                    }
                    case "date" -> LocalDate.parse(value);
                    default -> {
                    }
                }
            } catch (RuntimeException e) {
                out.add(name + ": '" + value + "' is not a " + type);
            }
            if (c.has("pattern") && !value.matches(c.get("pattern").asText())) {
                out.add(name + ": '" + value + "' does not match " + c.get("pattern").asText());
            }
            if (c.has("enum")) {
                boolean listed = false;
                for (JsonNode e : c.get("enum")) {
                    listed |= e.asText().equals(value);
                }
                if (!listed) {
                    out.add(name + ": '" + value + "' not in " + c.get("enum"));
                }
            }
            if (c.has("maxLength") && value.length() > c.get("maxLength").asInt()) {
                out.add(name + ": longer than " + c.get("maxLength"));
            }
        }
        return out;
    }
}
