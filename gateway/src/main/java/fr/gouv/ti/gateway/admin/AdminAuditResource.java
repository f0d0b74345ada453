package fr.gouv.ti.gateway.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.core.csv.CsvWriter;
import fr.gouv.ti.commons.core.paging.TimeKeyset;
import fr.gouv.ti.gateway.edge.EdgeHandler;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The gateway's own audit trail (issue, revocation and rotation of API keys), read like the services' audit trails
 * ({@code /api/v1/audit/<service>/entries}) with the same filters, keyset cursor and CSV; national administrator
 * only.
 */
@Path("/api/v1/audit/gateway")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who changed which API key, when, under which correlation id")
@Blocking
public class AdminAuditResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_TEXT = 200;
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String FILTERS = " Filters (optional, combined with AND, exact values): `actor` (client id "
            + "of the administrator), `correlationId`, `action` (`api-key.create`, `api-key.revoke`…), `resourceId` "
            + "(the API key id), `from` (inclusive) and `to` (exclusive) as ISO-8601 instants. National administrator only.";
    private static final String FORBIDDEN = "Not a national administrator";

    private final AgroalDataSource dataSource;

    public AdminAuditResource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AuditEntry", description = "One audited change of an API key")
    public record Entry(@Schema(description = "Position of the row in the gateway's audit log", example = "12") long id,
                        @Schema(description = "When the change's transaction started", example = "2026-12-06T09:30:00.123456Z") Instant at,
                        @Schema(description = "Client id of the administrator", example = "key_0123456789abcdef") String actor,
                        @Schema(description = "What was done", example = "api-key.create") String action,
                        @Schema(description = "Kind of resource changed: always `api-key` here", example = "api-key") String resourceType,
                        @Schema(description = "The API key id", example = "key_0123456789abcdef") String resourceId,
                        @Schema(description = "Correlation id of the request (X-Correlation-ID)") String correlationId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PageAuditEntry", description = "A page of the gateway's audit entries, newest first")
    public record EntryPage(@Schema(description = "Items of this page") List<Entry> items,
                            @Schema(description = "Pass as `cursor` to get the next page; absent on the last page") String nextCursor) {
    }

    @GET
    @Path("/entries")
    @Operation(operationId = "listGatewayAuditEntries", summary = "Audit entries of the gateway (API keys), newest first",
            description = "One entry per change of an API key. Newest first; cursor pagination (`limit` ≤ 500, "
                    + "`cursor` from `nextCursor`)." + FILTERS)
    @APIResponse(responseCode = "200", description = "A page of audit entries",
            content = @Content(schema = @Schema(implementation = EntryPage.class)))
    @APIResponse(responseCode = "400", description = "A filter, the limit or the cursor is malformed (`errors` names it)")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    public Response list(
            @Parameter(description = "Client id of the administrator", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("actor") String actor,
            @Parameter(description = "Correlation id of the request (X-Correlation-ID)", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._:-]{1,128}$")) @QueryParam("correlationId") String correlationId,
            @Parameter(description = "Action, such as `api-key.create`", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("action") String action,
            @Parameter(description = "The API key id", example = "key_0123456789abcdef", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("resourceId") String resourceId,
            @Parameter(description = "Only rows at or after this instant (ISO-8601 with offset)", example = "2026-12-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Only rows before this instant (ISO-8601 with offset)", example = "2026-12-31T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "Entries per page, 1 to 500 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor,
            @Context RoutingContext ctx) {
        Response refused = requireAdmin(ctx);
        if (refused != null) {
            return refused;
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Query q = query(actor, correlationId, action, resourceId, from, to, errors);
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                errors.add(Map.of("field", "limit", "message", "must be a whole number between 1 and " + MAX_LIMIT));
            }
        }
        TimeKeyset after = null;
        try {
            after = TimeKeyset.decode(cursor);
        } catch (IllegalArgumentException e) {
            errors.add(Map.of("field", "cursor", "message", "malformed cursor"));
        }
        if (!errors.isEmpty()) {
            return ApiKeyResource.problem(ctx, 400, "validation", "Invalid request",
                    "Invalid parameter: " + errors.get(0).get("field") + " " + errors.get(0).get("message") + ".", errors);
        }
        if (after != null) {
            q.and("(occurred_at, id) < (?, ?)", OffsetDateTime.ofInstant(after.at(), ZoneOffset.UTC), after.id());
        }
        List<Entry> items = new ArrayList<>();
        int size = n;
        read(q, " limit " + (n + 1), items::add);
        if (items.size() <= size) {
            return Response.ok(new EntryPage(items, null)).build();
        }
        Entry last = items.get(size - 1);
        return Response.ok(new EntryPage(items.subList(0, size), new TimeKeyset(last.at(), last.id()).encode())).build();
    }

    @GET
    @Path("/entries.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportGatewayAuditEntriesCsv", summary = "Audit entries of the gateway as CSV",
            description = "Every entry that matches, newest first (no pagination); comma-separated, UTF-8, text cells "
                    + "neutralised against spreadsheet formulas." + FILTERS)
    @APIResponse(responseCode = "200", description = "The audit entries",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value =
                    "id,at,actor,action,resource_type,resource_id,correlation_id\r\n"
                            + "12,2026-12-06T09:30:00.123456Z,bootstrap-admin,api-key.create,api-key,key_0123456789abcdef,8c1f7f1e-2f9b-4d55-a6b1-6b0e0c1d2e3f\r\n")))
    @APIResponse(responseCode = "400", description = "A filter is malformed (`errors` names it)")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    public Response csv(
            @Parameter(description = "Client id of the administrator", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("actor") String actor,
            @Parameter(description = "Correlation id of the request", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._:-]{1,128}$")) @QueryParam("correlationId") String correlationId,
            @Parameter(description = "Action", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("action") String action,
            @Parameter(description = "The API key id", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("resourceId") String resourceId,
            @Parameter(description = "Only rows at or after this instant", example = "2026-12-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Only rows before this instant", example = "2026-12-31T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Context RoutingContext ctx) {
        Response refused = requireAdmin(ctx);
        if (refused != null) {
            return refused;
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Query q = query(actor, correlationId, action, resourceId, from, to, errors);
        if (!errors.isEmpty()) {
            return ApiKeyResource.problem(ctx, 400, "validation", "Invalid request",
                    "Invalid parameter: " + errors.get(0).get("field") + " " + errors.get(0).get("message") + ".", errors);
        }
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CsvWriter csv = new CsvWriter(w);
            csv.row(List.of("id", "at", "actor", "action", "resource_type", "resource_id", "correlation_id"));
            read(q, "", e -> csv.cell(e.id()).text(e.at().toString()).text(e.actor()).text(e.action())
                    .text(e.resourceType()).text(e.resourceId()).text(e.correlationId()).end());
            w.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-gateway.csv\"").build();
    }

    private void read(Query q, String limit, Consumer<Entry> each) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, occurred_at, actor, action, api_key_id, correlation_id from admin_audit" + q.sql
                        + " order by occurred_at desc, id desc" + limit)) {
            for (int i = 0; i < q.values.size(); i++) {
                ps.setObject(i + 1, q.values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), "api-key", rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the gateway's audit log", e);
        }
    }

    private static Query query(String actor, String correlationId, String action, String resourceId, String from,
                               String to, List<Map<String, String>> errors) {
        Query q = new Query();
        q.equal("actor", text("actor", actor, errors));
        String cid = text("correlationId", correlationId, errors);
        if (cid != null && !CORRELATION_ID.matcher(cid).matches()) {
            errors.add(Map.of("field", "correlationId", "message", "must be a correlation id (letters, digits, . _ : -, at most 128)"));
        }
        q.equal("correlation_id", cid);
        q.equal("action", text("action", action, errors));
        q.equal("api_key_id", text("resourceId", resourceId, errors));
        Instant f = instant("from", from, errors);
        Instant t = instant("to", to, errors);
        if (f != null) {
            q.and("occurred_at >= ?", OffsetDateTime.ofInstant(f, ZoneOffset.UTC));
        }
        if (t != null) {
            q.and("occurred_at < ?", OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
        return q;
    }

    private static String text(String name, String value, List<Map<String, String>> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            errors.add(Map.of("field", name, "message", "at most " + MAX_TEXT + " characters, no control characters"));
            return null;
        }
        return value;
    }

    private static Instant instant(String name, String value, List<Map<String, String>> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(Map.of("field", name, "message", "must be an ISO-8601 date-time with offset (e.g. 2024-01-01T00:00:00Z)"));
            return null;
        }
    }

    private static Response requireAdmin(RoutingContext ctx) {
        GatewayCaller caller = ctx.get(EdgeHandler.CALLER_KEY);
        if (caller == null || caller.isAnonymous()) {
            return ApiKeyResource.problem(ctx, 401, "unauthorized", "Authentication required",
                    "Send the national administrator's API key in X-API-Key.", List.of());
        }
        if (!GatewayCaller.NATIONAL_ADMIN_ROLE.equals(caller.role())) {
            return ApiKeyResource.problem(ctx, 403, "forbidden", "Forbidden",
                    "Only the national administrator reads the gateway's audit trail.", List.of());
        }
        return null;
    }

    private static final class Query {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> values = new ArrayList<>();

        void and(String condition, Object... bound) {
            sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
            values.addAll(List.of(bound));
        }

        void equal(String column, String value) {
            if (value != null) {
                and(column + " = ?", value);
            }
        }
    }
}
