package fr.gouv.ti.territory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.reads.DataChanges;
import fr.gouv.ti.commons.reads.RenderedReads;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.web.OffTheEventLoop;
import fr.gouv.ti.commons.web.QueryParams;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Territory;
import fr.gouv.ti.territory.service.TerritoryService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

@Path("/api/v1/territories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Territories", description = "The registry of Territoires d'industrie, keyed by (phase, tiId)")
public class TerritoryResource {

    private final TerritoryService territories;
    private final RenderedTerritories rendered;
    private final RenderedReads lists;
    private final CurrentCaller caller;

    public TerritoryResource(TerritoryService territories, RenderedTerritories rendered, DataChanges changes,
                             CurrentCaller caller) {
        this.territories = territories;
        this.rendered = rendered;
        this.lists = changes.renderedReads(2_000);
        this.caller = caller;
    }

    @Schema(name = "TerritoryPage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TerritoryPage(java.util.List<TerritoryView> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listTerritories", summary = "List territories",
            description = "Open data. Filters combine (AND). `siren` answers \"which territories contain this EPCI\" "
                    + "across phases (current perimeters). `q` ignores case, accents and punctuation and matches "
                    + "the beginning of words of the territory's and its groupements' names (\"saint omer\" finds "
                    + "Saint-Omer, \"sete\" finds Sète). Sorted by phase then tiId; keyset pagination.")
    @APIResponse(responseCode = "200", description = "A page of territories",
            content = @Content(schema = @Schema(implementation = TerritoryPage.class)))
    @APIResponse(responseCode = "400", description = "A filter has an invalid value")
    @NonBlocking
    public Uni<Response> list(
            @Parameter(description = "Phase", example = "2019-2022") @QueryParam("phase") String phase,
            @Parameter(description = "Region code (INSEE): the territories whose lead region it is, and those whose current perimeter reaches it (a territory that straddles two regions is found by both)", example = "84") @QueryParam("region") String region,
            @Parameter(description = "Department of one of its current groupements", example = "42") @QueryParam("department") String department,
            @Parameter(description = "SIREN of a current groupement", example = "200035731") @QueryParam("siren") String siren,
            @Parameter(description = "Nature of one of its current groupements", schema = @Schema(enumeration = {"CC", "CA", "CU", "METRO", "MET69", "EPT", "COM"})) @QueryParam("nature") String nature,
            @Parameter(description = "Status", schema = @Schema(enumeration = {"LABELLED", "DELABELLED"})) @QueryParam("status") String status,
            @Parameter(description = "Text search over names", example = "saint omer") @QueryParam("q") String q,
            @Parameter(description = "Only territories changed at or after this instant (or date)", example = "2026-01-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Page size, 1..500 (default 50)", schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        // open data, the same for every caller: kept rendered per query string until the registry changes
        return lists.serve(String.valueOf(uri.getRequestUri().getRawQuery()), () -> {
            TerritoryService.Listed listed = territories.list(new TerritoryService.ListQuery(phase, region, department,
                    siren, nature, status, q, updatedSince, parseLimit(limit), cursor));
            Map<String, Department> departments = territories.departments();
            return new Page<>(listed.items().stream().map(t -> TerritoryView.of(t, null, departments)).toList(),
                    listed.nextCursor());
        });
    }

    @GET
    @Path("/{phase}/{tiId}")
    @Operation(operationId = "getTerritory", summary = "Get one territory by its key (phase, tiId)",
            description = "Open data. The perimeter is the current one, or the one in force on `asOf` "
                    + "(past groupements stay readable). The ETag is needed to change the territory.")
    @APIResponse(responseCode = "200", description = "The territory",
            headers = @Header(name = "ETag", description = "Version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = TerritoryView.class)))
    @APIResponse(responseCode = "400", description = "asOf is not a date")
    @APIResponse(responseCode = "404", description = "No such territory")
    @NonBlocking
    public Uni<Response> get(@Parameter(example = "2019-2022") @PathParam("phase") String phase,
                             @Parameter(example = "ti-8411") @PathParam("tiId") String tiId,
                             @Parameter(description = "Date of the perimeter to show", example = "2020-06-30") @QueryParam("asOf") String asOf,
                             @Parameter(description = "true: `perimeter` lists every membership period, past ones included") @QueryParam("history") String history) {
        LocalDate day = QueryParams.date("asOf", asOf);
        boolean allPeriods = QueryParams.flag("history", history);
        if (day == null && !allPeriods) {
            // the current perimeter, the read everyone makes: from memory on the event loop when cached
            Optional<Optional<RenderedTerritories.Rendered>> cached = rendered.cached(phase, tiId);
            if (cached.isPresent()) {
                return Uni.createFrom().item(rendered(cached.get(), phase, tiId));
            }
            return OffTheEventLoop.run(() -> rendered(rendered.load(phase, tiId), phase, tiId));
        }
        return OffTheEventLoop.run(() -> {
            Territory t = territories.get(phase, tiId);
            return withEtag(Response.ok(TerritoryView.of(t, day, allPeriods, territories.departments())), t).build();
        });
    }

    private static Response rendered(Optional<RenderedTerritories.Rendered> r, String phase, String tiId) {
        RenderedTerritories.Rendered found = r.orElseThrow(() -> TerritoryService.notFound(phase, tiId));
        return Response.ok(found.json(), MediaType.APPLICATION_JSON_TYPE).header("ETag", found.etag()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "labelTerritory", summary = "Label a territory (national administrator)",
            description = "Creates a territory in an existing phase, with its groupements (joining on `labelledOn`, "
                    + "default today) and pilots. Emits `territory.labelled`.")
    @APIResponse(responseCode = "201", description = "Labelled",
            content = @Content(schema = @Schema(implementation = TerritoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "Anonymous caller")
    @APIResponse(responseCode = "403", description = "Not a national administrator")
    @APIResponse(responseCode = "409", description = "Already exists")
    @APIResponse(responseCode = "422", description = "Unknown phase, region or department; bad SIREN; region "
            + "inconsistent with the groupements", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "bad SIREN", value = """
            {"type":"urn:ti:problem:validation","title":"Request refused by validation","status":422,
             "detail":"perimeter[0].siren: SIREN 200035732 fails the Luhn checksum. Nothing was written.",
             "errors":[{"field":"perimeter[0].siren","message":"SIREN 200035732 fails the Luhn checksum"}]}""")))
    public Response label(@Valid @NotNull NewTerritory request, UriInfo uri) {
        Territory t = territories.label(caller.get(), request);
        return withEtag(Response.created(uri.getAbsolutePathBuilder().path(t.phase()).path(t.tiId()).build())
                .entity(TerritoryView.of(t, null, territories.departments())), t).build();
    }

    @PATCH
    @Path("/{phase}/{tiId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateTerritory", summary = "Rename or update a territory (national administrator)",
            description = "Changes the fields given (name, regionCode, notes, labelledOn). Needs If-Match. "
                    + "Emits `territory.updated` when something changed.")
    @APIResponse(responseCode = "200", description = "The territory after the change",
            content = @Content(schema = @Schema(implementation = TerritoryView.class)))
    @APIResponse(responseCode = "404", description = "No such territory")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "422", description = "Unknown region, or inconsistent with the groupements")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(@PathParam("phase") String phase, @PathParam("tiId") String tiId,
                           @Parameter(description = "ETag of the territory", example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull TerritoryChanges changes) {
        return ok(territories.update(caller.get(), phase, tiId, ifMatch, changes));
    }

    @PUT
    @Path("/{phase}/{tiId}/perimeter")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changePerimeter", summary = "Change the perimeter from an effective date (national administrator)",
            description = "Send the whole new list of groupements. Those not listed leave on `effectiveDate`, new ones "
                    + "join on it, renamed ones (same SIREN) are updated in place; the previous perimeter stays "
                    + "readable with `asOf`. Needs If-Match. Emits `territory.perimeter-changed`.")
    @APIResponse(responseCode = "200", description = "The territory after the change", content = @Content(schema = @Schema(implementation = TerritoryView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "422", description = "Bad SIREN, nature or department; a groupement would leave before it joined")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response changePerimeter(@PathParam("phase") String phase, @PathParam("tiId") String tiId,
                                    @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PerimeterChange change) {
        return ok(territories.changePerimeter(caller.get(), phase, tiId, ifMatch, change));
    }

    @PUT
    @Path("/{phase}/{tiId}/pilots")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPilots", summary = "Set the pilots (national administrator)",
            description = "Replaces the list of pilots. Needs If-Match. Emits `territory.updated`.")
    @APIResponse(responseCode = "200", description = "The territory after the change", content = @Content(schema = @Schema(implementation = TerritoryView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response setPilots(@PathParam("phase") String phase, @PathParam("tiId") String tiId,
                              @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PilotsInput pilots) {
        return ok(territories.setPilots(caller.get(), phase, tiId, ifMatch, pilots));
    }

    @POST
    @Path("/{phase}/{tiId}/delabelling")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "delabelTerritory", summary = "Withdraw the label (national administrator)",
            description = "The territory stays readable with status DELABELLED and its last perimeter. Needs If-Match. "
                    + "Emits `territory.delabelled`.")
    @APIResponse(responseCode = "200", description = "The territory after the change", content = @Content(schema = @Schema(implementation = TerritoryView.class)))
    @APIResponse(responseCode = "409", description = "Already delabelled")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response delabel(@PathParam("phase") String phase, @PathParam("tiId") String tiId,
                            @HeaderParam("If-Match") String ifMatch,
                            @RequestBody(required = false, description = "Optional: without a body the decision takes effect today")
                            Delabelling request) {
        return ok(territories.delabel(caller.get(), phase, tiId, ifMatch, request));
    }

    private static Integer parseLimit(String limit) {
        if (limit == null) {
            return null;
        }
        try {
            return Integer.valueOf(limit);
        } catch (NumberFormatException e) {
            throw fr.gouv.ti.commons.problem.ProblemException.badRequest("limit must be a whole number between 1 and 500",
                    new Problem.FieldError("limit", "not a whole number: '" + limit + "'"));
        }
    }

    private Response ok(Territory t) {
        return withEtag(Response.ok(TerritoryView.of(t, null, territories.departments())), t).build();
    }

    private static Response.ResponseBuilder withEtag(Response.ResponseBuilder b, Territory t) {
        return b.header("ETag", t.etag());
    }
}
