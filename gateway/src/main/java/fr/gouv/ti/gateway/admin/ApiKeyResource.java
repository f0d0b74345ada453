package fr.gouv.ti.gateway.admin;

import fr.gouv.ti.gateway.edge.EdgeHandler;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import fr.gouv.ti.gateway.identity.ApiKeyStore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** API keys of the operator systems and other clients: created and revoked by the national administrator. */
@Path("/api/v1/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "National administrator only")
@Blocking
public class ApiKeyResource {

    private static final Set<String> ROLES = Set.of("national-admin", "region", "operator", "territory-team");
    private static final Pattern REGION = Pattern.compile("\\d{2}");
    private static final Pattern OPERATOR = Pattern.compile("[A-Z][A-Z_]{1,40}");
    private static final Pattern PHASE = Pattern.compile("\\d{4}-\\d{4}");
    private static final Pattern TI_ID = Pattern.compile("ti-\\d{4}");
    /** Issued keys, and the bootstrap key of the configuration (revocable like any other). */
    private static final Pattern KEY_ID = Pattern.compile("key_[0-9a-f]{16}|" + fr.gouv.ti.gateway.identity.ApiKeyStore.BOOTSTRAP_ID);

    private final ApiKeyStore keys;

    public ApiKeyResource(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Schema(name = "NewApiKey", description = "Who the key is for: a role and, for the scoped roles, its scope")
    public record NewApiKey(
            @Schema(description = "Who uses the key", maxLength = 200, example = "Bpifrance SI subventions") String name,
            @Schema(enumeration = {"national-admin", "region", "operator", "territory-team"}, example = "operator") String role,
            @Schema(description = "Role region: the INSEE region code", pattern = "^\\d{2}$", example = "84") String regionCode,
            @Schema(description = "Role operator: the operator code", pattern = "^[A-Z][A-Z_]{1,40}$", example = "BPIFRANCE") String operatorCode,
            @Schema(description = "Role territory-team: the phase", pattern = "^\\d{4}-\\d{4}$", example = "2019-2022") String phase,
            @Schema(description = "Role territory-team: the territory", pattern = "^ti-\\d{4}$", example = "ti-8411") String tiId) {
    }

    /** An API key as the admin API shows it: never the key itself, only its first characters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ApiKey", description = "An API key, without the key itself")
    public record ApiKeyView(@Schema(example = "key_0123456789abcdef") String id, String name,
                             @Schema(description = "First characters of the key, to recognise it") String keyPrefix,
                             String role, String regionCode, String operatorCode, String phase, String tiId,
                             Instant createdAt, String createdBy,
                             @Schema(description = "Set once revoked") Instant revokedAt) {
        static ApiKeyView of(ApiKeyStore.KeyDescription d) {
            return new ApiKeyView(d.id(), d.name(), d.keyPrefix(), d.role(), d.regionCode(), d.operatorCode(),
                    d.phase(), d.tiId(), d.createdAt(), d.createdBy(), d.revokedAt());
        }
    }

    @Schema(name = "IssuedApiKey", description = "A new API key: `key` is shown in this response only")
    public record IssuedApiKeyView(@Schema(description = "The key to send in X-API-Key") String key, ApiKeyView apiKey) {
    }

    @Schema(name = "ApiKeyList")
    public record ApiKeyList(List<ApiKeyView> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key", description = "The key is in the response once and never again: "
            + "only its hash is stored. Role and scope: `region` needs `regionCode`, `operator` needs `operatorCode`, "
            + "`territory-team` needs `phase` and `tiId`.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "operator", value =
            "{\"name\":\"Bpifrance SI subventions\",\"role\":\"operator\",\"operatorCode\":\"BPIFRANCE\"}")))
    @APIResponse(responseCode = "201", description = "Created; `key` is shown only now",
            content = @Content(schema = @Schema(implementation = IssuedApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid role or scope")
    @APIResponse(responseCode = "401", description = "No credentials")
    @APIResponse(responseCode = "403", description = "Not a national administrator")
    public Response create(NewApiKey request, @Context RoutingContext ctx) {
        Response refused = requireAdmin(ctx);
        if (refused != null) {
            return refused;
        }
        List<Map<String, String>> errors = validate(request);
        if (!errors.isEmpty()) {
            return problem(ctx, 400, "validation", "Invalid request", "The API key request is not valid.", errors);
        }
        GatewayCaller admin = ctx.get(EdgeHandler.CALLER_KEY);
        ApiKeyStore.IssuedKey issued = keys.issue(new ApiKeyStore.NewKey(request.name().trim(), request.role(),
                request.regionCode(), request.operatorCode(), request.phase(), request.tiId()), admin.clientId(),
                ctx.get(EdgeHandler.CORRELATION_KEY));
        return Response.created(URI.create("/api/v1/admin/api-keys/" + issued.description().id()))
                .entity(new IssuedApiKeyView(issued.key(), ApiKeyView.of(issued.description()))).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys (without the keys themselves)",
            description = "Active and revoked keys, oldest first.")
    @APIResponse(responseCode = "200", description = "The keys", content = @Content(schema = @Schema(implementation = ApiKeyList.class)))
    @APIResponse(responseCode = "403", description = "Not a national administrator")
    public Response list(@Context RoutingContext ctx) {
        Response refused = requireAdmin(ctx);
        return refused != null ? refused
                : Response.ok(new ApiKeyList(keys.list().stream().map(ApiKeyView::of).toList())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "Takes effect at once on every gateway instance.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", description = "Not a national administrator")
    @APIResponse(responseCode = "404", description = "No such active key")
    public Response revoke(@PathParam("id") String id, @Context RoutingContext ctx) {
        Response refused = requireAdmin(ctx);
        if (refused != null) {
            return refused;
        }
        if (!KEY_ID.matcher(id).matches()) { // also keeps NUL and other bytes PostgreSQL text refuses out of the query
            return problem(ctx, 404, "not-found", "Not found", "No API key with this id (ids look like key_0123456789abcdef, or bootstrap-admin).", List.of());
        }
        GatewayCaller admin = ctx.get(EdgeHandler.CALLER_KEY);
        if (!keys.revoke(id, admin.clientId(), ctx.get(EdgeHandler.CORRELATION_KEY))) {
            return problem(ctx, 404, "not-found", "Not found", "No active API key " + id + ".", List.of());
        }
        return Response.noContent().build();
    }

    private static Response requireAdmin(@Context RoutingContext ctx) {
        GatewayCaller caller = ctx.get(EdgeHandler.CALLER_KEY);
        if (caller == null || caller.isAnonymous()) {
            return problem(ctx, 401, "unauthorized", "Authentication required",
                    "Send the national administrator's API key in X-API-Key.", List.of());
        }
        if (!GatewayCaller.NATIONAL_ADMIN_ROLE.equals(caller.role())) {
            return problem(ctx, 403, "forbidden", "Forbidden", "Only the national administrator manages API keys.",
                    List.of());
        }
        return null;
    }

    private static List<Map<String, String>> validate(NewApiKey r) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (r == null) {
            errors.add(Map.of("field", "body", "message", "a JSON body is required"));
            return errors;
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(Map.of("field", "name", "message", "required, at most 200 characters"));
        }
        // a scope field is checked whenever it is sent, whatever the role: a key is never stored with a malformed scope
        optional(errors, "regionCode", r.regionCode(), REGION, "a 2-digit INSEE region code");
        optional(errors, "operatorCode", r.operatorCode(), OPERATOR, "an operator code such as BPIFRANCE");
        optional(errors, "phase", r.phase(), PHASE, "a phase such as 2019-2022");
        optional(errors, "tiId", r.tiId(), TI_ID, "a territory id such as ti-8411");
        if (r.role() == null || !ROLES.contains(r.role())) {
            errors.add(Map.of("field", "role", "message", "must be one of " + ROLES));
        } else {
            switch (r.role()) {
                case "region" -> require(errors, "regionCode", r.regionCode(), "a 2-digit INSEE region code");
                case "operator" -> require(errors, "operatorCode", r.operatorCode(), "an operator code such as BPIFRANCE");
                case "territory-team" -> {
                    require(errors, "phase", r.phase(), "a phase such as 2019-2022");
                    require(errors, "tiId", r.tiId(), "a territory id such as ti-8411");
                }
                default -> {
                }
            }
        }
        return errors;
    }

    private static void optional(List<Map<String, String>> errors, String field, String value, Pattern p, String what) {
        if (value != null && !p.matcher(value).matches()) {
            errors.add(Map.of("field", field, "message", "must be " + what));
        }
    }

    /** The scope the role needs (its format was checked by {@link #optional}). */
    private static void require(List<Map<String, String>> errors, String field, String value, String what) {
        if (value == null) {
            errors.add(Map.of("field", field, "message", "must be " + what));
        }
    }

    static Response problem(RoutingContext ctx, int status, String slug, String title, String detail,
                            List<Map<String, String>> errors) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "urn:ti:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.request().path());
        Object cid = ctx.get(EdgeHandler.CORRELATION_KEY);
        if (cid != null) {
            body.put("correlationId", cid);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
