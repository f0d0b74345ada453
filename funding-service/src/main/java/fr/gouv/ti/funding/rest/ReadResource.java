package fr.gouv.ti.funding.rest;

import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.commons.web.QueryParams;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.AccountKind;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.service.Exports;
import fr.gouv.ti.funding.service.Ledger;
import fr.gouv.ti.funding.service.Reports;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/funding")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ledger reads", description = "Balances, aggregates, journal and exports")
public class ReadResource {

    /** Reads other than open data: anonymous callers get a 401, callers outside the data's scope a 403. */
    private static final String OUT_OF_SCOPE = "Outside the caller's scope";

    private final Reports reports;
    @jakarta.inject.Inject
    fr.gouv.ti.funding.domain.LineConventionRepository lineConventions;
    private final Exports exports;
    private final CurrentCaller caller;

    public ReadResource(Reports reports, Exports exports, CurrentCaller caller) {
        this.reports = reports;
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @Path("/programme")
    @Operation(operationId = "getProgramme", summary = "The programme envelope and its source lines (open data)",
            description = "EUR 1.36bn ceiling; inflow of each source line is the amount entered by the national "
                    + "administrator, outflow what was given to operator lines.")
    @APIResponse(responseCode = "200", description = "The programme account and its source lines")
    public Views.ProgrammeView programme() {
        caller.get();
        List<Account> programme = reports.programme();
        List<Views.AccountView> sources = programme.subList(1, programme.size()).stream()
                .map(Views.AccountView::of).toList();
        return new Views.ProgrammeView(Ledger.PROGRAMME_CEILING_CENTS, Views.AccountView.of(programme.get(0)), sources);
    }

    @GET
    @Path("/accounts")
    @Operation(operationId = "listAccounts", summary = "List accounts in the caller's scope",
            description = "An operator sees its own line, allocations and commitments; a region those of its "
                    + "territories (those it leads and those whose perimeter reaches it); a territory team its own; the "
                    + "national administrator everything.")
    @APIResponse(responseCode = "200", description = "A page of accounts")
    @APIResponse(responseCode = "403", description = OUT_OF_SCOPE)
    public Page<Views.AccountView> accounts(@QueryParam("kind") String kind, @QueryParam("operator") String operator,
                                            @QueryParam("phase") String phase, @QueryParam("tiId") String tiId,
                                            @QueryParam("measureCode") String measureCode,
                                            @QueryParam("actionId") String actionId,
                                            @Parameter(description = "Only accounts whose balance changed since this instant (ISO-8601, e.g. 2024-01-01T00:00:00Z)")
                                            @QueryParam("updatedSince") String updatedSince,
                                            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        if (kind != null && Arrays.stream(AccountKind.values()).noneMatch(k -> k.name().equals(kind))) {
            throw ProblemException.badRequest("kind must be one of " + Arrays.toString(AccountKind.values()),
                    new Problem.FieldError("kind", "unknown account kind"));
        }
        int n = Cursor.limit(limit);
        List<Account> items = reports.accounts(caller.get(), kind, operator, phase, tiId, measureCode, actionId,
                QueryParams.dateTime("updatedSince", updatedSince), Cursor.decodeNumber(cursor), n);
        String next = items.size() == n ? Cursor.encode(String.valueOf(items.get(n - 1).id())) : null;
        return new Page<>(items.stream().map(Views.AccountView::of).toList(), next);
    }

    @GET
    @Path("/accounts/{id}")
    @Operation(operationId = "getAccount", summary = "An account and its balances, now or as of an effective date",
            description = "Without asOf, balances come from the maintained balance rows. With asOf=YYYY-MM-DD, "
                    + "they are the sums of the entries whose effective date is on or before that day.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = Views.AccountBalanceView.class)))
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "403", description = OUT_OF_SCOPE)
    public Views.AccountBalanceView account(@PathParam("id") long id,
                                            @Parameter(description = "Effective date, e.g. 2022-12-31") @QueryParam("asOf") String asOf) {
        Account a = reports.account(caller.get(), id);
        return new Views.AccountBalanceView(Views.AccountView.of(a), reports.balance(a, QueryParams.date("asOf", asOf)));
    }

    @GET
    @Path("/aggregates")
    @Operation(operationId = "getAggregates", summary = "Allocated, committed and disbursed, grouped (open data)",
            description = "groupBy = territory | region | measure | axis | operator | year (axis from the measure "
                    + "catalogue published by measure-service; UNKNOWN for a measure not in it), with commitment rate "
                    + "(committed / allocated) and disbursement rate (disbursed / committed), 4 decimals. Filters: "
                    + "phase, regionCode, operator, measureCode; asOf for totals as of an effective date. Readable by "
                    + "anonymous callers. A territory's money is grouped under its lead region once (the groups add up "
                    + "to the programme); the regionCode filter also takes the territories whose perimeter reaches "
                    + "that region, so the filtered totals of two regions may share a territory that straddles both.")
    @APIResponse(responseCode = "200", description = "One row per group", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Reports.AggregateRow.class)))
    public List<Reports.AggregateRow> aggregates(@QueryParam("groupBy") String groupBy, @QueryParam("phase") String phase,
                                                 @QueryParam("regionCode") String regionCode,
                                                 @QueryParam("operator") String operator,
                                                 @QueryParam("measureCode") String measureCode,
                                                 @QueryParam("asOf") String asOf) {
        caller.get();
        return reports.aggregate(groupBy, phase, regionCode, operator, measureCode, QueryParams.date("asOf", asOf));
    }

    @GET
    @Path("/transactions/{id}")
    @Operation(operationId = "getTransaction", summary = "One transaction with its entries", description = "Scoped to the caller: an operator sees the transactions of its own line.")
    @APIResponse(responseCode = "404", description = "No such transaction")
    @APIResponse(responseCode = "200", description = "The transaction")
    @APIResponse(responseCode = "403", description = OUT_OF_SCOPE)
    public Views.TransactionView transaction(@PathParam("id") UUID id) {
        return Views.TransactionView.of(reports.transaction(caller.get(), id))
                .withConventionCode(lineConventions.of(id).orElse(null));
    }

    @GET
    @Path("/journal")
    @Operation(operationId = "listJournal", summary = "The journal: transactions in recording order, by effective-date range",
            description = "Cursor pagination (limit ≤ 500, cursor from nextCursor). Filters: from, to (effective "
                    + "dates, inclusive), kind, operator, phase, tiId, actionId. Scoped to the caller.")
    @APIResponse(responseCode = "200", description = "A page of transactions")
    @APIResponse(responseCode = "403", description = OUT_OF_SCOPE)
    public Page<Views.TransactionView> journal(@QueryParam("from") String from, @QueryParam("to") String to,
                                               @QueryParam("kind") String kind, @QueryParam("operator") String operator,
                                               @QueryParam("phase") String phase, @QueryParam("tiId") String tiId,
                                               @QueryParam("actionId") String actionId,
                                               @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int n = Cursor.limit(limit);
        List<LedgerTransaction> items = reports.journal(caller.get(), QueryParams.date("from", from), QueryParams.date("to", to),
                kind, operator, phase, tiId, actionId, Cursor.decodeNumber(cursor), n);
        String next = items.size() == n ? Cursor.encode(String.valueOf(items.get(n - 1).seq())) : null;
        return new Page<>(items.stream().map(Views.TransactionView::of).toList(), next);
    }

    @GET
    @Path("/journal.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportJournalCsv", summary = "The journal as CSV, one row per entry",
            description = "Same scope and date filters as /journal. `separator=semicolon` gives the variant for "
                    + "spreadsheet software in a French locale (opens in Excel with a double click).")
    @APIResponse(responseCode = "200", description = "The journal, one row per entry", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = OUT_OF_SCOPE)
    public Response journalCsv(@QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("operator") String operator, @QueryParam("separator") String separator) {
        Caller c = caller.get();
        Reports.scope(c);
        LocalDate f = QueryParams.date("from", from);
        LocalDate t = QueryParams.date("to", to);
        CsvSeparator sep = QueryParams.csvSeparator("separator", separator);
        StreamingOutput body = out -> exports.journal(out, sep, c, f, t, operator);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"journal.csv\"").build();
    }

    @GET
    @Path("/exports/commitments.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportCommitmentsCsv", summary = "Commitments in the SCDL \"Subventions\" format (open data)",
            description = "One row per subsidy commitment (fiche-action × measure × operator; instruments GRANT "
                    + "and ENGINEERING_CREDIT — loans, equity and guarantees are not subsidies and are not listed), "
                    + "the 40 fields of the SCDL Subventions Table Schema v2.1.1 in its order: the operator is "
                    + "attribuant and service instructeur (idAttribuant = its SIRET as configured by the deployer, "
                    + "ti.funding.open-data.operator-siret; empty where none is set), dispositif = measure code, "
                    + "sousDispositif = its title, nature from the instrument (GRANT: aide en numéraire, "
                    + "ENGINEERING_CREDIT: aide en nature), payments as conditionsVersement and datesPeriodeVersement, "
                    + "montant in euros with a dot. A commitment that names no beneficiary leaves nomBeneficiaire "
                    + "empty and does not meet the schema: name it (beneficiaryName). "
                    + "`separator=semicolon` gives the variant for spreadsheet software in a French locale (opens in "
                    + "Excel with a double click; montant then has a decimal comma); the open-data file is the default, "
                    + "comma-separated one.")
    @APIResponse(responseCode = "200", description = "The commitments, SCDL Subventions columns", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response commitmentsCsv(@QueryParam("phase") String phase, @QueryParam("operator") String operator,
                                   @QueryParam("regionCode") String regionCode, @QueryParam("separator") String separator) {
        caller.get();
        CsvSeparator sep = QueryParams.csvSeparator("separator", separator);
        StreamingOutput body = out -> exports.commitments(out, sep, phase, operator, regionCode);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"subventions-territoires-industrie.csv\"").build();
    }

    @GET
    @Path("/actions/{actionId}")
    @Operation(operationId = "getActionFunding", summary = "A fiche-action as known here, with its funding totals",
            description = "Known from contract-service's events; committed and disbursed totals of its commitments. "
                    + "The national level and operators read any; a region those of its territories; a territory team "
                    + "its own. Outside the caller's scope the answer is the 404 of an unknown fiche-action.")
    @APIResponse(responseCode = "404", description = "Unknown fiche-action, or not in the caller's scope")
    @APIResponse(responseCode = "200", description = "The fiche-action and its totals")
    @APIResponse(responseCode = "403", description = "Anonymous callers do not see fiches-actions")
    public Views.ActionView action(@PathParam("actionId") String actionId) {
        return reports.action(caller.get(), actionId).map(a -> Views.ActionView.of(a.action(), a.totals()))
                .orElseThrow(() -> ProblemException.notFound("No fiche-action " + actionId + " known to funding-service."));
    }
}
