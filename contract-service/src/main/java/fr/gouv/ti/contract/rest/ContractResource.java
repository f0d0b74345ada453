package fr.gouv.ti.contract.rest;

import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.contract.domain.Contract;
import fr.gouv.ti.contract.domain.ContractState;
import fr.gouv.ti.contract.domain.TransitionKind;
import fr.gouv.ti.contract.service.ContractService;
import fr.gouv.ti.contract.service.IdempotentWrites;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.UUID;

@Path("/api/v1/contracts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contracts", description = "Protocol → contract → amendments → closure of each territory")
public class ContractResource {

    static final String PROBLEM = Problem.MEDIA_TYPE;

    private static final String TRANSITION_EXAMPLE = """
            {"effectiveDate":"2019-06-20","documentReference":"PROTOCOLE-TI-8411",
             "signatories":{"epcis":["200035202","200035731","200040566","200040590","244200630","246900625"],
                            "region":"84","prefet":{"name":"Préfet de la Loire","departmentCode":"42"},
                            "operators":["BANQUE_DES_TERRITOIRES","BPIFRANCE"],
                            "industrialists":[{"name":"Jeanne Martin","organisation":"Établissements Martin"}]}}""";

    private final ContractService contracts;
    private final IdempotentWrites writes;
    private final CurrentCaller caller;

    public ContractResource(ContractService contracts, IdempotentWrites writes, CurrentCaller caller) {
        this.contracts = contracts;
        this.writes = writes;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listContracts", summary = "List contracts", description = "Public view of each contract (state, dates, counts and "
            + "amounts), ordered by last update; cursor pagination; `updatedSince` for incremental sync.")
    @APIResponse(responseCode = "200", description = "One page of contracts")
    @APIResponse(responseCode = "400", description = "Bad filter or cursor")
    public Page<ContractView> list(@QueryParam("phase") @Parameter(example = "2019-2022") String phase,
                                   @QueryParam("tiId") @Parameter(example = "ti-8411") String tiId,
                                   @QueryParam("regionCode") @Parameter(example = "84") String regionCode,
                                   @QueryParam("state") ContractState state,
                                   @QueryParam("updatedSince") @Parameter(description = "ISO date or instant") String updatedSince,
                                   @QueryParam("limit") @Parameter(description = "1..500, default 50") Integer limit,
                                   @QueryParam("cursor") String cursor) {
        return contracts.list(phase, tiId, regionCode, state, updatedSince, limit, cursor);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openContract", summary = "Open the contract of a territory",
            description = "Region of the territory or national administrator. State PREPARATION. The territory must be "
                    + "known from territory-service's events (409 otherwise). Optional Idempotency-Key.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Roanne - Tarare",
            value = "{\"phase\":\"2019-2022\",\"tiId\":\"ti-8411\"}")))
    @APIResponse(responseCode = "201", description = "Opened", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not the territory's region")
    @APIResponse(responseCode = "409", description = "A contract exists, or the territory is not known yet")
    @APIResponse(responseCode = "422", description = "Incoherent period")
    public Response create(@Valid @NotNull NewContract request,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey, UriInfo uri) {
        Caller who = caller.get();
        return writes.run(who, idempotencyKey, "POST", "/api/v1/contracts", request, () -> {
            Contract c = contracts.create(who, request);
            return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                    .tag(c.version + "").entity(contracts.view(who, c)).build();
        });
    }

    @GET
    @Path("/{contractId}")
    @Operation(operationId = "getContract", summary = "Get a contract", description = "Full view (transitions with signatories and documents, "
            + "fiches-actions in detail) for the national level, operators, the territory's region and its team; "
            + "public view (state, dates, action titles and amounts) for everyone else.")
    @APIResponse(responseCode = "200", description = "The contract", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "404", description = "No such contract")
    public Response get(@PathParam("contractId") UUID id) {
        Contract c = contracts.get(id);
        return Response.ok(contracts.view(caller.get(), c)).tag(c.version + "").build();
    }

    @GET
    @Path("/{contractId}/history")
    @Operation(operationId = "getContractHistory", summary = "The contract as of a date", description = "State, period and steps as they stood at the "
            + "end of `asOf` (default: today). Full readers only.")
    @APIResponse(responseCode = "200", description = "History",
            content = @Content(schema = @Schema(implementation = HistoryView.class)))
    @APIResponse(responseCode = "401", description = "Anonymous")
    @APIResponse(responseCode = "403", description = "Not a full reader of this contract")
    @APIResponse(responseCode = "404", description = "No such contract")
    public HistoryView history(@PathParam("contractId") UUID id,
                               @QueryParam("asOf") @Parameter(example = "2019-12-31") LocalDate asOf) {
        return contracts.history(caller.get(), id, asOf);
    }

    @POST
    @Path("/{contractId}/protocol-signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "signProtocol", summary = "Record the signature of the protocole d'accord", description = TRANSITION_DOC)
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Roanne - Tarare, 20 June 2019", value = TRANSITION_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Recorded; the new ETag is in the header", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not the territory's region")
    @APIResponse(responseCode = "409", description = "Illegal transition (currentState, allowedTransitions), or projections missing")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Dates incoherent, signatory outside the perimeter or wrong region")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response signProtocol(@PathParam("contractId") UUID id, @Valid @NotNull TransitionRequest request,
                                 @HeaderParam("If-Match") @Parameter(in = ParameterIn.HEADER, description = "ETag of the contract") String ifMatch) {
        return transition(id, TransitionKind.PROTOCOL_SIGNATURE, request, ifMatch);
    }

    @POST
    @Path("/{contractId}/contract-signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "signContract", summary = "Record the signature of the contract", description = TRANSITION_DOC)
    @APIResponse(responseCode = "200", description = "Recorded", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Refused by validation")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response signContract(@PathParam("contractId") UUID id, @Valid @NotNull TransitionRequest request,
                                 @HeaderParam("If-Match") String ifMatch) {
        return transition(id, TransitionKind.CONTRACT_SIGNATURE, request, ifMatch);
    }

    @POST
    @Path("/{contractId}/amendments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "amendContract", summary = "Record an amendment (avenant)", description = TRANSITION_DOC + " Amendments are numbered "
            + "1, 2, ...; `changes` is required (summary, optional newPeriodEnd, actions added/changed/removed).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Extension", value = """
            {"effectiveDate":"2021-03-15","documentReference":"AVENANT-1-TI-8411",
             "signatories":{"epcis":["200035731"],"region":"84"},
             "changes":{"summary":"Extension to 2023","newPeriodEnd":"2023-12-31"}}""")))
    @APIResponse(responseCode = "200", description = "Recorded", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Refused by validation")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response amend(@PathParam("contractId") UUID id, @Valid @NotNull TransitionRequest request,
                          @HeaderParam("If-Match") String ifMatch) {
        return transition(id, TransitionKind.AMENDMENT, request, ifMatch);
    }

    @POST
    @Path("/{contractId}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeContract", summary = "Close the contract", description = TRANSITION_DOC + " Signatories optional.")
    @APIResponse(responseCode = "200", description = "Closed", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Refused by validation")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response close(@PathParam("contractId") UUID id, @Valid @NotNull TransitionRequest request,
                          @HeaderParam("If-Match") String ifMatch) {
        return transition(id, TransitionKind.CLOSURE, request, ifMatch);
    }

    @POST
    @Path("/{contractId}/abandonment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "abandonContract", summary = "Abandon the contract", description = TRANSITION_DOC + " From any open state; "
            + "signatories optional; give a `reason`.")
    @APIResponse(responseCode = "200", description = "Abandoned", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ContractView.class)))
    @APIResponse(responseCode = "409", description = "Illegal transition")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Refused by validation")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response abandon(@PathParam("contractId") UUID id, @Valid @NotNull TransitionRequest request,
                            @HeaderParam("If-Match") String ifMatch) {
        return transition(id, TransitionKind.ABANDONMENT, request, ifMatch);
    }

    @POST
    @Path("/{contractId}/committees")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordCommittee", summary = "Record a committee meeting", description = "The comité de projet (PROJET) meets before the "
            + "contract's signature; the comité de suivi (SUIVI) from then on. The territory team, its region or the "
            + "national administrator, while the contract is open. The contract's ETag changes.")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = CommitteeView.class)))
    @APIResponse(responseCode = "403", description = "Not this contract's team or region")
    @APIResponse(responseCode = "409", description = "Contract closed or abandoned")
    @APIResponse(responseCode = "422", description = "Wrong kind of committee for the date, or a future date")
    public Response committee(@PathParam("contractId") UUID id, @Valid @NotNull CommitteeRequest request) {
        var m = contracts.recordCommittee(caller.get(), id, request);
        return Response.status(201).entity(CommitteeView.of(m)).tag(contracts.get(id).version + "").build();
    }

    static final String TRANSITION_DOC = "Region of the territory or national administrator; `If-Match` with the "
            + "contract's ETag. Dates: protocol ≤ contract ≤ amendments ≤ closure, within the period (an amendment may "
            + "extend it), not in the future. Signatory EPCIs must be in the territory's perimeter on the date, the "
            + "region must be the territory's. An illegal transition is a 409 naming `currentState` and "
            + "`allowedTransitions`.";

    private Response transition(UUID id, TransitionKind kind, TransitionRequest request, String ifMatch) {
        Caller who = caller.get();
        Contract c = contracts.transition(who, id, kind, request, ifMatch);
        return Response.ok(contracts.view(who, c)).tag(c.version + "").build();
    }
}
