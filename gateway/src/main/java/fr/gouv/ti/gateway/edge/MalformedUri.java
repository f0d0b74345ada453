package fr.gouv.ti.gateway.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A request URI that does not parse (bad percent-encoding such as {@code %%%}, characters a URI may not hold):
 * refused at the edge with the query parameters it can name, never forwarded (a service would answer an empty 400).
 */
final class MalformedUri {

    private MalformedUri() {
    }

    /** null when the URI parses; else the {field, message} of each query parameter that does not decode. */
    static JsonArray check(String uri) {
        try {
            new URI(uri);
            return null;
        } catch (URISyntaxException e) {
            JsonArray errors = new JsonArray();
            int q = uri.indexOf('?');
            if (q >= 0) {
                for (String pair : uri.substring(q + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    if (!parses(pair)) {
                        errors.add(new JsonObject().put("field", parses(name) ? decode(name) : name)
                                .put("message", "not a valid URI query value (write % as %25, and escape spaces and quotes)"));
                    }
                }
            }
            return errors;
        }
    }

    static String detail(JsonArray errors) {
        return errors.isEmpty() ? "The request URI is not a valid URI (percent-encoding or characters)."
                : "Query parameter " + errors.getJsonObject(0).getString("field")
                + " is not valid in a URI (write % as %25, and escape spaces and quotes).";
    }

    private static boolean parses(String part) {
        try {
            URI.create("http://h/?" + part);
            URLDecoder.decode(part, StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
