package fr.gouv.ti.commons.audit;

import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.web.QueryParams;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import java.util.regex.Pattern;

/**
 * The audit trail of one service, read through {@link AuditTrail}: each service has a subclass of a few lines that
 * gives its path, {@code /api/v1/audit/<service>} (the gateway routes each of them to its service), and its name.
 */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who wrote what, when, under which correlation id")
public abstract class AuditTrailResource {

    static final String ACCESS = " The national administrator reads every row; an operator the rows of its own "
            + "writes (any of its clients); a region the rows about its territories and its own writes. Rows that "
            + "concern no territory (the catalogue, webhook subscriptions, rows written before the audit trail was "
            + "readable) are not shown to a region. Other roles are refused (403).";
    static final String FILTERS = " Filters (all optional, combined with AND, exact values): `actor` (client id), "
            + "`client` (client name), `correlationId`, `action`, `resourceType` and `resourceId`, `territory` "
            + "(`<phase>/<tiId>`), `from` (inclusive) and `to` (exclusive) as ISO-8601 instants.";
    private static final String FORBIDDEN = "The caller's role may not read the audit trail (only national-admin, "
            + "region and operator may)";
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TERRITORY = Pattern.compile("\\d{4}-\\d{4}/ti-[0-9a-z]{1,20}");
    private static final int MAX_TEXT = 200;

    @Inject
    protected AuditTrail trail;
    @Inject
    protected CurrentCaller caller;

    /** The service's name, as in its path and in the name of the CSV file. */
    protected abstract String service();

    @GET
    @Path("/entries")
    @Operation(operationId = "listAuditEntries", summary = "Audit entries of this service, newest first",
            description = "One entry per write this service accepted: who (client id, name, role, scope), what "
                    + "(action, resource), when, the correlation id of the request and the territory it concerns. "
                    + "Newest first; cursor pagination (`limit` ≤ 500, `cursor` from `nextCursor`)." + FILTERS
                    + " The same correlation id, sent as `X-Correlation-ID` on several requests or kept by the gateway "
                    + "for one, finds the rows it caused in the audit of each service." + ACCESS)
    @APIResponse(responseCode = "200", description = "A page of audit entries")
    @APIResponse(responseCode = "400", description = "A filter, the limit or the cursor is malformed (`errors` names it)")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    public Page<AuditTrail.AuditEntry> list(
            @Parameter(description = "Client id of the writer (API key id, OIDC subject or `system:<task>`)", example = "key_0123456789abcdef", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("actor") String actor,
            @Parameter(description = "Client name of the writer", example = "Bpifrance SI", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("client") String client,
            @Parameter(description = "Correlation id of the request (X-Correlation-ID)", example = "import-2026-12-06", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._:-]{1,128}$")) @QueryParam("correlationId") String correlationId,
            @Parameter(description = "Action, such as `contract.create` or `funding.commit`", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("action") String action,
            @Parameter(description = "Kind of resource written, such as `contract` or `ledger-transaction`", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("resourceType") String resourceType,
            @Parameter(description = "Id of the resource written", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("resourceId") String resourceId,
            @Parameter(description = "Territory concerned, `<phase>/<tiId>`", example = "2019-2022/ti-8411", schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}-\\d{4}/ti-[0-9a-z]{1,20}$")) @QueryParam("territory") String territory,
            @Parameter(description = "Only rows at or after this instant (ISO-8601 with offset)", example = "2026-12-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Only rows before this instant (ISO-8601 with offset)", example = "2026-12-31T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "Entries per page, 1 to 500 (default 50)") @QueryParam("limit") Integer limit,
            @Parameter(description = "`nextCursor` of the previous page") @QueryParam("cursor") String cursor) {
        AuditTrail.Filter filter = filter(actor, client, correlationId, action, resourceType, resourceId, territory, from, to);
        AuditTrail.Result page = trail.page(caller.get(), filter, cursor, limit);
        return new Page<>(page.items(), page.nextCursor());
    }

    @GET
    @Path("/entries.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportAuditEntriesCsv", summary = "Audit entries of this service as CSV",
            description = "Every entry the caller may read that matches the filters, newest first, one row each "
                    + "(no pagination); comma-separated, UTF-8, text cells neutralised against spreadsheet formulas; "
                    + "`region_codes` separated by `;`." + FILTERS + ACCESS)
    @APIResponse(responseCode = "200", description = "The audit entries",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value =
                    "id,at,actor,client_name,role,scope,action,resource_type,resource_id,correlation_id,request_hash,territory,region_codes\r\n"
                            + "1042,2026-12-06T09:30:00.123456Z,key_0123456789abcdef,Bpifrance SI,operator,operator:BPIFRANCE,"
                            + "funding.commit,ledger-transaction,0b5f2c1e-8d1a-4a4f-9a57-3f0f8e2b9c11,import-2026-12-06,"
                            + "5d41402abc4b2a76b9719d911017c592,2019-2022/ti-8411,84\r\n")))
    @APIResponse(responseCode = "400", description = "A filter is malformed (`errors` names it)")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    public Response csv(
            @Parameter(description = "Client id of the writer", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("actor") String actor,
            @Parameter(description = "Client name of the writer", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("client") String client,
            @Parameter(description = "Correlation id of the request", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._:-]{1,128}$")) @QueryParam("correlationId") String correlationId,
            @Parameter(description = "Action", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("action") String action,
            @Parameter(description = "Kind of resource written", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("resourceType") String resourceType,
            @Parameter(description = "Id of the resource written", schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TEXT)) @QueryParam("resourceId") String resourceId,
            @Parameter(description = "Territory concerned, `<phase>/<tiId>`", example = "2019-2022/ti-8411", schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}-\\d{4}/ti-[0-9a-z]{1,20}$")) @QueryParam("territory") String territory,
            @Parameter(description = "Only rows at or after this instant", example = "2026-12-01T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Only rows before this instant", example = "2026-12-31T00:00:00Z", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to) {
        AuditTrail.Filter filter = filter(actor, client, correlationId, action, resourceType, resourceId, territory, from, to);
        Caller c = caller.get();
        trail.check(c, null); // refused before the response starts: the body is streamed after this method returns
        StreamingOutput body = out -> trail.csv(c, filter, out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit-" + service() + ".csv\"").build();
    }

    private static AuditTrail.Filter filter(String actor, String client, String correlationId, String action,
                                            String resourceType, String resourceId, String territory, String from,
                                            String to) {
        return new AuditTrail.Filter(text("actor", actor), text("client", client),
                matching("correlationId", correlationId, CORRELATION_ID, "a correlation id (letters, digits, . _ : -, at most 128)"),
                text("action", action), text("resourceType", resourceType), text("resourceId", resourceId),
                matching("territory", territory, TERRITORY, "<phase>/<tiId>, such as 2019-2022/ti-8411"),
                QueryParams.instant("from", from), QueryParams.instant("to", to));
    }

    /** A text filter: absent when blank; at most 200 characters, none of them a control character. */
    static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(name + " must be at most " + MAX_TEXT + " characters, without control characters.",
                    new Problem.FieldError(name, "at most " + MAX_TEXT + " characters, no control characters"));
        }
        return value;
    }

    private static String matching(String name, String value, Pattern pattern, String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
            throw ProblemException.badRequest(name + " must be " + expected + ", got '" + shown + "'.",
                    new Problem.FieldError(name, "must be " + expected));
        }
        return value;
    }
}
