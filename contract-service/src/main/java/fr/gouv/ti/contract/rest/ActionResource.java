package fr.gouv.ti.contract.rest;

import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.contract.domain.FicheAction;
import fr.gouv.ti.contract.service.ActionService;
import fr.gouv.ti.contract.service.IdempotentWrites;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/contracts/{contractId}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fiches-actions", description = "The projects of a territory's contract")
public class ActionResource {

    private static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String EXAMPLE = """
            {"title":"Plateforme mutualisée de formation","description":"Former aux métiers de l'industrie textile",
             "axis":"RECRUTER","measureCodes":["M-RECRUTER-PIC"],"actionDate":"2019-09-15",
             "leadOrganisation":{"name":"Roannais Agglomération","siren":"200035731"},"epciSiren":"200035731",
             "estimatedCostCents":25000000,"requestedFunding":[{"operator":"BANQUE_DES_TERRITOIRES","amountCents":5000000}]}""";

    private final ActionService actions;
    private final IdempotentWrites writes;
    private final CurrentCaller caller;

    public ActionResource(ActionService actions, IdempotentWrites writes, CurrentCaller caller) {
        this.actions = actions;
        this.writes = writes;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listActions", summary = "List the fiches-actions of a contract", description = "Public view (title, status, amounts) "
            + "for readers outside the contract's region or territory.")
    @APIResponse(responseCode = "200", description = "The fiches-actions")
    @APIResponse(responseCode = "404", description = "No such contract")
    public List<ActionView> list(@PathParam("contractId") UUID contractId) {
        return actions.list(caller.get(), contractId);
    }

    @GET
    @Path("/{actionId}")
    @Operation(operationId = "getAction", summary = "Get a fiche-action", description = "The fiche-action with its funding totals; its ETag is needed to update it.")
    @APIResponse(responseCode = "200", description = "The fiche-action", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ActionView.class)))
    @APIResponse(responseCode = "404", description = "No such fiche-action")
    public Response get(@PathParam("contractId") UUID contractId, @PathParam("actionId") UUID actionId) {
        FicheAction a = actions.get(contractId, actionId);
        return Response.ok(actions.view(caller.get(), a)).tag(a.version + "").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addAction", summary = "Add a fiche-action", description = "The territory team of the contract, its region, or the "
            + "national administrator, while the contract is open (not CLOSED nor ABANDONED). Measure codes must be "
            + "valid in the catalogue on actionDate (unknown or retired: 422); the EPCI must be in the perimeter; the "
            + "lead organisation's SIREN/SIRET must pass the Luhn check; requested funding per operator may not exceed "
            + "the estimated cost. Optional Idempotency-Key.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Roanne - Tarare", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ActionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not this contract's team or region")
    @APIResponse(responseCode = "404", description = "No such contract")
    @APIResponse(responseCode = "409", description = "Contract closed or abandoned; projections not received yet")
    @APIResponse(responseCode = "422", description = "Retired or unknown measure, EPCI outside the perimeter, bad SIREN...")
    public Response create(@PathParam("contractId") UUID contractId, @Valid @NotNull ActionRequest request,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey, UriInfo uri) {
        Caller who = caller.get();
        return writes.run(who, idempotencyKey, "POST", "/api/v1/contracts/" + contractId + "/actions", request, () -> {
            FicheAction a = actions.create(who, contractId, request);
            return Response.created(uri.getAbsolutePathBuilder().path(a.id.toString()).build())
                    .tag(a.version + "").entity(actions.view(who, a)).build();
        });
    }

    @PUT
    @Path("/{actionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateAction", summary = "Replace a fiche-action (and change its status)", description = "Same rules as the creation, "
            + "with `If-Match`. Status: IDENTIFIED → READY → ENGAGED → COMPLETED, or ABANDONED; another change is a 409 "
            + "naming currentState and allowedTransitions.")
    @APIResponse(responseCode = "200", description = "Replaced", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = ActionView.class)))
    @APIResponse(responseCode = "409", description = "Illegal status change, or contract closed")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "422", description = "Refused by validation")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(@PathParam("contractId") UUID contractId, @PathParam("actionId") UUID actionId,
                           @Valid @NotNull ActionRequest request, @HeaderParam("If-Match") String ifMatch) {
        Caller who = caller.get();
        FicheAction a = actions.update(who, contractId, actionId, request, ifMatch);
        return Response.ok(actions.view(who, a)).tag(a.version + "").build();
    }
}
