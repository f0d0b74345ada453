package fr.gouv.ti.funding.rest;

import fr.gouv.ti.funding.domain.Instrument;
import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.funding.service.FundingService;
import fr.gouv.ti.funding.service.Movement;
import fr.gouv.ti.funding.service.Movements;
import fr.gouv.ti.funding.service.Posted;
import fr.gouv.ti.funding.service.ReferenceCodes;
import fr.gouv.ti.funding.service.Writes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Every movement of money. All writes need an {@code Idempotency-Key}; the response of the first request is stored
 * with the movement and replayed for a retry.
 */
@Path("/api/v1/funding")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ledger movements", description = "Envelope, operator lines, allocations, commitments, disbursements, "
        + "cancellations and reversals. Each is one balanced, immutable transaction.")
@APIResponse(responseCode = "400", description = "Invalid body (missing field, amount not a positive integer of cents, "
        + "malformed date) or missing Idempotency-Key")
@APIResponse(responseCode = "401", description = "No identity")
@APIResponse(responseCode = "403", description = "Role or operator scope does not allow it (an operator moves money only on its own line)")
@APIResponse(responseCode = "409", description = "A limit would be exceeded (extension members limit, limitCents, "
        + "excessCents, availableCents), or the same Idempotency-Key is in flight",
        content = @Content(mediaType = Problem.MEDIA_TYPE,
                examples = @ExampleObject(name = "allocation-exceeded", value = """
                        {"type":"urn:ti:problem:allocation-exceeded","title":"Limit exceeded: allocation","status":409,
                         "detail":"Commitments on allocation ... would reach 1200.00 EUR, above the allocated amount (1000.00 EUR) by 200.00 EUR; available before this request: 300.00 EUR.",
                         "limit":"ALLOCATION","limitCents":100000,"resultingCents":120000,"availableCents":30000,"excessCents":20000}""")))
@APIResponse(responseCode = "422", description = "Refused by validation: effective date outside the programme or in "
        + "the future, unknown account or fiche-action, Idempotency-Key reused with another body")
public class WriteResource {

    private final FundingService funding;
    private final Movements movements;
    private final Writes writes;
    private final CurrentCaller caller;
    private final ReferenceCodes codes;

    public WriteResource(FundingService funding, Movements movements, Writes writes, CurrentCaller caller,
                         ReferenceCodes codes) {
        this.funding = funding;
        this.movements = movements;
        this.writes = writes;
        this.caller = caller;
        this.codes = codes;
    }

    @PUT
    @Path("/programme/sources/{sourceCode}")
    @Operation(operationId = "setProgrammeSource", summary = "Set the amount of a source line (national administrator)",
            description = "A funding source of measure-service's reference data (GET /api/v1/catalogue/funding-sources: "
                    + "PIC, PIA, BANQUE_DES_TERRITOIRES; a source it publishes later is accepted as it arrives; any "
                    + "other code is a 404 naming the known ones). The ledger posts the difference from the current "
                    + "amount (State budget → programme → source line). The lines together never exceed the EUR "
                    + "1.36bn envelope; a line is never set below what was already given to operator lines.")
    @APIResponse(responseCode = "404", description = "Not a funding source of the reference data")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = Views.TransactionView.class)))
    public Response setSource(@PathParam("sourceCode") String sourceCode, @Valid @NotNull Requests.SourceLine body,
                              @Parameter(in = ParameterIn.HEADER, required = true, description = "Unique per request, e.g. a UUID")
                              @HeaderParam(Idempotency.HEADER) String key) {
        Caller c = caller.get().require(Role.NATIONAL_ADMIN);
        String source = codes.sourceLine(sourceCode);
        return write(c, key, "/api/v1/funding/programme/sources/" + source, body, "funding.source.set",
                () -> funding.setSourceLine(c, source, body.posting()));
    }

    @POST
    @Path("/operator-lines")
    @Operation(operationId = "fundOperatorLine", summary = "Open or top up an operator line (national administrator)",
            description = "Moves money from a source line to the line of an operator (Banque des Territoires, Bpifrance, …). "
                    + "The line is created on its first funding. Operator and source codes are those of measure-service's "
                    + "reference data (GET /api/v1/operators, /api/v1/catalogue/funding-sources); an older code such as "
                    + "POLE_EMPLOI is taken as the operator it means (FRANCE_TRAVAIL); an unknown one is a 400 naming "
                    + "the known codes. `conventionCode` (optional) names the convention de mobilisation the funding "
                    + "implements, as measure-service lists them (GET /api/v1/catalogue/conventions): the ledger checks "
                    + "its form only (it does not project the conventions), keeps it with the transaction and shows it on it.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = Views.TransactionView.class)))
    public Response fundLine(@Valid @NotNull Requests.OperatorLine received,
                             @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(Idempotency.HEADER) String key) {
        Caller c = caller.get().require(Role.NATIONAL_ADMIN);
        Requests.OperatorLine body = received.withCodes(codes.operator("operator", received.operator()),
                codes.source("sourceCode", received.sourceCode()));
        return writes.run(c, key, "POST", "/api/v1/funding/operator-lines", body, "funding.line.fund",
                () -> funding.fundOperatorLine(c, body.posting()), posted -> created(posted, body.conventionCode()));
    }

    @POST
    @Path("/allocations")
    @Operation(operationId = "allocateFunds", summary = "Allocate to a territory and a measure",
            description = "Moves money from an operator line to the allocation (phase, tiId) × measure of that operator. "
                    + "An operator allocates on its own line only; the national administrator on any line. "
                    + "The territory must be labelled in the registry and the measure in the published catalogue "
                    + "(else 422 unknown-territory, territory-delabelled, unknown-measure or measure-retired); the "
                    + "region is the registry's, never the caller's. Publishes funding.allocated.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = Views.TransactionView.class)))
    public Response allocate(@Valid @NotNull Requests.Allocation received,
                             @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(Idempotency.HEADER) String key) {
        Caller c = caller.get().require(Role.NATIONAL_ADMIN, Role.OPERATOR);
        Requests.Allocation body = received.withOperator(codes.operator("operator", received.operator()));
        return write(c, key, "/api/v1/funding/allocations", body, "funding.allocate", () -> funding.allocate(c, body.posting()));
    }

    @POST
    @Path("/commitments")
    @Operation(operationId = "commitFunds", summary = "Commit to a fiche-action (the operator whose line it is)",
            description = "Moves money from the allocation (territory of the fiche-action × measure × operator) to the "
                    + "commitment of the fiche-action. Never above what is available on the allocation, whatever the "
                    + "concurrency. The fiche-action must be known from contract-service events. instrument (default "
                    + "GRANT) is the commitment's for good: a later commitment on the same fiche-action × measure × "
                    + "operator with another instrument is refused (409 instrument-mismatch). Grants and engineering "
                    + "credits are published in exports/commitments.csv (SCDL Subventions). Publishes funding.committed.")
    @APIResponse(responseCode = "201", description = "Posted; the commitment account id is in accounts[kind=COMMITMENT]",
            content = @Content(schema = @Schema(implementation = Views.TransactionView.class)))
    public Response commit(@Valid @NotNull Requests.Commitment body,
                           @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(Idempotency.HEADER) String key) {
        Caller c = caller.get().require(Role.OPERATOR);
        return movements.commit(c, key, "/api/v1/funding/commitments", body, new Movement.Commitment(
                codes.operator("operator", body.operator()),
                body.actionId(), body.measureCode(), body.amountCents(), body.effectiveDate(), body.decisionReference(),
                body.beneficiaryName(), body.beneficiarySiret(), body.object(),
                body.instrument() == null ? null : Instrument.valueOf(body.instrument())), WriteResource::created);
    }

    @POST
    @Path("/commitments/{id}/disbursements")
    @Operation(operationId = "disburseFunds", summary = "Record a disbursement on a commitment",
            description = "Partial payments are allowed; their total never exceeds the commitment. Publishes funding.disbursed.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = Views.TransactionView.class)))
    @APIResponse(responseCode = "404", description = "No such commitment")
    public Response disburse(@PathParam("id") long id, @Valid @NotNull Requests.Disbursement body,
                             @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(Idempotency.HEADER) String key) {
        Caller c = caller.get().require(Role.OPERATOR);
        return movements.disburse(c, key, "/api/v1/funding/commitments/" + id + "/disbursements", body,
                new Movement.Disbursement(id, body.amountCents(), body.effectiveDate(), body.reference()),
                WriteResource::created);
    }

    @POST
    @Path("/commitments/{id}/cancellation")
    @Operation(operationId = "cancelCommitment", summary = "Cancel the rest of a commitment (reason required)",
            description = "Gives what is committed but not disbursed back to the allocation (a deobligation). "
                    + "Publishes funding.cancelled.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = Views.TransactionView.class)))
    @APIResponse(responseCode = "404", description = "No such commitment")
    public Response cancel(@PathParam("id") long id, @Valid @NotNull Requests.Correction body,
                           @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(Idempotency.HEADER) String key) {
        Caller c = caller.get().require(Role.OPERATOR, Role.NATIONAL_ADMIN);
        return write(c, key, "/api/v1/funding/commitments/" + id + "/cancellation", body, "funding.cancel",
                () -> funding.cancelRest(c, id, body.posting()));
    }

    @POST
    @Path("/transactions/{id}/reversal")
    @Operation(operationId = "reverseTransaction", summary = "Reverse a posted transaction (reason required)",
            description = "Posts the opposite entries, linked to the original. A transaction is reversed at most once; "
                    + "a reversal that would break an invariant (e.g. reversing a commitment already disbursed) is "
                    + "refused with 409. Publishes funding.reversed for territory-level movements.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = Views.TransactionView.class)))
    @APIResponse(responseCode = "404", description = "No such transaction")
    public Response reverse(@PathParam("id") UUID id, @Valid @NotNull Requests.Correction body,
                            @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(Idempotency.HEADER) String key) {
        Caller c = caller.get().require(Role.OPERATOR, Role.NATIONAL_ADMIN);
        return write(c, key, "/api/v1/funding/transactions/" + id + "/reversal", body, "funding.reverse",
                () -> funding.reverse(c, id, body.posting()));
    }

    private Response write(Caller c, String key, String path, Object body, String action, Supplier<Posted> op) {
        return writes.run(c, key, "POST", path, body, action, op, WriteResource::created);
    }

    /**
     * 201 with a Location relative to the API root (RFC 9110 allows it): the same behind the gateway as here, and
     * buildable on the ledger writer's thread, which has no request to make it absolute from.
     */
    private static Response created(Posted posted) {
        return created(posted, null);
    }

    private static Response created(Posted posted, String conventionCode) {
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/funding/transactions/" + posted.transaction().id())
                .entity(Views.TransactionView.of(posted).withConventionCode(conventionCode)).build();
    }
}
