package fr.gouv.ti.apidocs;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.info.License;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The conventions of every OpenAPI document of the suite, applied once here instead of being pasted on each
 * operation (set {@code mp.openapi.filter} to this class). It runs when Quarkus builds the document:
 * <ul>
 * <li>every error response is RFC 9457 {@code application/problem+json} with the shared {@code Problem} schema: a
 * resource only says which statuses an operation has and what they mean there
 * ({@code @APIResponse(responseCode = "409", description = "...")});</li>
 * <li>the statuses any operation may answer are added where missing: 400 (a parameter or the body is malformed)
 * when it has parameters or a body, 404 when it has path parameters, 406 when it answers a body, 413 and 415 when
 * it takes one, and from the gateway 401, 414, 429, 502, 503 and 504;</li>
 * <li>security: an operation that documents a 403 acts on behalf of someone and needs credentials (API key or
 * bearer token); the others are open data, where credentials are optional (they may widen the view);</li>
 * <li>the query parameters every list or report of the suite shares (README, "API conventions") have one schema:
 * {@code limit} (1..500), {@code asOf} (a date), {@code history} (a boolean), where a resource left them plain
 * strings, and {@code separator} of the CSV exports ({@code comma} or {@code semicolon}, with what each is for);</li>
 * <li>a CSV body (export or import) is a file: {@code type: string, format: binary}, so that generated clients
 * download or upload it as it is instead of reading it as JSON;</li>
 * <li>the server is the document's own origin (the gateway that serves it), the licence has its SPDX identifier,
 * and every response header has a schema.</li>
 * </ul>
 * The build fails when an operation has no {@code operationId} or a schema is a framework type (Jackson, Vert.x…):
 * generated clients need the first and choke on the second.
 */
public class ApiConventions implements OASFilter {

    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    public static final String API_KEY = "ApiKey";
    public static final String BEARER = "BearerToken";

    /** What the {@code separator} query parameter of every CSV export means (README, "CSV files"). */
    public static final String CSV_SEPARATOR_DESCRIPTION = "`comma` (default): RFC 4180, UTF-8 without a byte order "
            + "mark, decimals with a dot, for programs. `semicolon`: for spreadsheet software in a French locale, opens "
            + "with a double click in Excel: cells separated by semicolons, decimals with a comma, UTF-8 with a byte "
            + "order mark (without it Excel reads the file as Windows-1252). In both, a text cell a spreadsheet would "
            + "evaluate as a formula (starting with = + - @) is written as text with a leading apostrophe. Any other "
            + "value is a 400 problem.";

    /** Simple names of framework classes that must never be published as schemas. */
    static final Set<String> FRAMEWORK_TYPES = Set.of("JsonNode", "ObjectNode", "ArrayNode", "TextNode", "JsonObject",
            "JsonArray", "RoutingContext", "HttpServerRequest", "HttpServerResponse", "MultiMap", "Buffer",
            "UriInfo", "HttpHeaders", "SecurityContext", "Request", "Session", "PanacheEntity", "PanacheEntityBase");

    private static final Map<String, String> STANDARD = new LinkedHashMap<>();

    static {
        STANDARD.put("400", "Invalid request: a parameter or the body is malformed (`errors` names it). Nothing was written.");
        STANDARD.put("401", "Credentials missing (where required), unknown, revoked or expired.");
        STANDARD.put("404", "No such resource.");
        STANDARD.put("406", "None of the media types in Accept is one this operation answers.");
        STANDARD.put("413", "The body is larger than the gateway accepts (10 MB).");
        STANDARD.put("414", "The URI is longer than the gateway accepts (4000 characters).");
        STANDARD.put("415", "Unsupported content type.");
        STANDARD.put("429", "Rate limit of the client exhausted; retry after `Retry-After` seconds.");
        STANDARD.put("502", "The service behind the gateway answered badly.");
        STANDARD.put("503", "The service or its database is temporarily unavailable; retry after `Retry-After` seconds.");
        STANDARD.put("504", "The service behind the gateway did not answer in time.");
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        License license = api.getInfo() == null ? null : api.getInfo().getLicense();
        if (license != null && license.getIdentifier() == null && license.getUrl() == null) {
            license.setIdentifier("etalab-2.0");
        }
        // relative: the origin of the gateway that serves the document, whatever its host (never a build machine's)
        api.setServers(new ArrayList<>(List.of(OASFactory.createServer().url("/")
                .description("The gateway that serves this document"))));
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSchema("FieldError", fieldError());
        components.addSchema("Problem", problem());
        if (components.getSecuritySchemes() != null) {
            components.getSecuritySchemes().clear();
        }
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("API key issued by the national administrator (POST /api/v1/admin/api-keys), sent to "
                        + "the gateway, which signs the caller's identity for the services."));
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("OIDC access token from the identity provider the gateway trusts."));
        api.setSecurity(null);

        List<String> problems = new ArrayList<>();
        if (components.getSchemas() != null) {
            components.getSchemas().keySet().stream().filter(FRAMEWORK_TYPES::contains)
                    .forEach(name -> problems.add("schema " + name + " is a framework type: document it as an object"));
        }
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                    String where = op.getKey() + " " + path.getKey();
                    if (op.getValue().getOperationId() == null || op.getValue().getOperationId().isBlank()) {
                        problems.add(where + " has no operationId");
                    }
                    apply(op.getValue(), path.getValue());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document breaks the suite's conventions: " + problems);
        }
    }

    private static void apply(Operation op, PathItem item) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        boolean needsIdentity = responses.hasAPIResponse("403");
        if (op.getSecurity() == null) {
            List<SecurityRequirement> security = new ArrayList<>();
            if (!needsIdentity) {
                security.add(OASFactory.createSecurityRequirement()); // anonymous: open data
            }
            security.add(OASFactory.createSecurityRequirement().addScheme(API_KEY));
            security.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
            op.setSecurity(security);
        }
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            parameters.addAll(op.getParameters());
        }
        parameters.forEach(ApiConventions::sharedParameter);
        boolean hasBody = op.getRequestBody() != null;
        boolean hasPathParameter = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        addIfMissing(responses, "400", !parameters.isEmpty() || hasBody);
        addIfMissing(responses, "401", true);
        addIfMissing(responses, "404", hasPathParameter);
        addIfMissing(responses, "406", answersABody(responses));
        addIfMissing(responses, "413", hasBody);
        addIfMissing(responses, "415", hasBody);
        for (String status : List.of("414", "429", "502", "503", "504")) {
            addIfMissing(responses, status, true);
        }
        if (hasBody) {
            csvAsFile(op.getRequestBody().getContent());
        }
        Map<String, APIResponse> sorted = new TreeMap<>(responses.getAPIResponses());
        for (Map.Entry<String, APIResponse> r : sorted.entrySet()) {
            if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                problemContent(r.getValue());
            } else {
                csvAsFile(r.getValue().getContent());
            }
            if (r.getKey().equals("429") || r.getKey().equals("503")) {
                header(r.getValue(), "Retry-After", "Seconds to wait before retrying", integer());
            }
            if (r.getValue().getHeaders() != null) {
                r.getValue().getHeaders().forEach((name, h) -> describeHeader(name, h));
            }
        }
        responses.setAPIResponses(sorted);
        op.setResponses(responses);
    }

    private static void sharedParameter(Parameter p) {
        if (p.getIn() != Parameter.In.QUERY || p.getRef() != null) {
            return;
        }
        Schema s = p.getSchema();
        boolean plain = s == null || s.getRef() == null && (s.getType() == null
                || s.getType().equals(List.of(Schema.SchemaType.STRING)) && s.getFormat() == null && s.getPattern() == null);
        boolean integer = s != null && s.getType() != null && s.getType().equals(List.of(Schema.SchemaType.INTEGER));
        switch (p.getName()) {
            case "limit" -> {
                if (plain || integer) {
                    p.setSchema(integer().minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(500))
                            .defaultValue(50));
                }
            }
            case "asOf" -> {
                if (plain) {
                    p.setSchema(string().format("date"));
                }
            }
            case "history" -> {
                if (plain) {
                    p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN));
                }
            }
            case "separator" -> {
                if (plain) {
                    p.setSchema(string().enumeration(List.<Object>of("comma", "semicolon")).defaultValue("comma"));
                }
                if (p.getDescription() == null || p.getDescription().isBlank()) {
                    p.setDescription(CSV_SEPARATOR_DESCRIPTION);
                }
            }
            default -> {
            }
        }
    }

    private static void csvAsFile(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().forEach((type, media) -> {
            if (type.startsWith("text/csv")) {
                media.setSchema(string().format("binary"));
            }
        });
    }

    private static boolean answersABody(APIResponses responses) {
        return responses.getAPIResponses() != null && responses.getAPIResponses().entrySet().stream()
                .anyMatch(r -> r.getKey().startsWith("2") && r.getValue().getContent() != null
                        && r.getValue().getContent().getMediaTypes() != null
                        && !r.getValue().getContent().getMediaTypes().isEmpty());
    }

    private static void addIfMissing(APIResponses responses, String status, boolean applies) {
        if (applies && !responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(STANDARD.get(status)));
        }
    }

    /** The body of an error response is a problem, whatever the resource said (or did not say) about it. */
    private static void problemContent(APIResponse response) {
        Content content = response.getContent();
        MediaType existing = content == null ? null : content.getMediaType(PROBLEM_MEDIA_TYPE);
        MediaType media = existing != null ? existing : OASFactory.createMediaType();
        media.setSchema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        response.setContent(OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE, media));
    }

    private static void header(APIResponse response, String name, String description, Schema schema) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, OASFactory.createHeader().description(description).schema(schema));
        }
    }

    private static void describeHeader(String name, Header h) {
        if (h.getRef() != null) {
            return;
        }
        if (h.getSchema() == null) {
            h.setSchema(switch (name) {
                case "Retry-After" -> integer();
                case "Idempotent-Replayed" -> OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN);
                default -> string();
            });
        }
        if (h.getDescription() == null) {
            h.setDescription(switch (name) {
                case "ETag" -> "Version of the resource, to send back in If-Match";
                case "Location" -> "URI of the resource created";
                case "Idempotent-Replayed" -> "true when this is the stored response of an earlier request with the same Idempotency-Key";
                default -> name;
            });
        }
    }

    private static Schema problem() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details (application/problem+json), the one error body of the suite. "
                        + "Some problems add members of their own (e.g. `currentState` and `allowedTransitions` on an "
                        + "illegal contract transition).")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", string().description("URI identifying the kind of problem")
                        .examples(List.of("urn:ti:problem:validation")))
                .addProperty("title", string().description("Short summary of the kind of problem")
                        .examples(List.of("Invalid request")))
                .addProperty("status", integer().description("HTTP status code").examples(List.of(400)))
                .addProperty("detail", string().description("What went wrong with this request, for a person to read"))
                .addProperty("instance", string().description("Path of the request"))
                .addProperty("correlationId", string()
                        .description("Correlation id of the request (X-Correlation-ID), to quote when asking for help"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("One entry per invalid field, parameter or row")
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    private static Schema fieldError() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("Why one field, parameter or row of the request is refused")
                .addProperty("field", string().description("Field (JSON path), parameter or CSV column")
                        .examples(List.of("perimeter[0].siren")))
                .addProperty("message", string().description("Why the value is refused"))
                .addProperty("line", integer().description("Line of an uploaded file, when relevant"));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32");
    }
}
