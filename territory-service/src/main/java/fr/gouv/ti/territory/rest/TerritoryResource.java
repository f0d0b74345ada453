package fr.gouv.ti.territory.rest;

import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.territory.domain.Territory;
import fr.gouv.ti.territory.service.TerritoryService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/territories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Territories")
public class TerritoryResource {

    private final TerritoryService territories;
    private final CurrentCaller caller;

    public TerritoryResource(TerritoryService territories, CurrentCaller caller) {
        this.territories = territories;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List territories", description = "Open data.")
    public List<TerritoryView> list(@QueryParam("phase") String phase) {
        return territories.list(phase).stream().map(TerritoryView::of).toList();
    }

    @GET
    @Path("/{phase}/{tiId}")
    @Operation(summary = "Get one territory by its key (phase, tiId)")
    @APIResponse(responseCode = "200", description = "The territory")
    @APIResponse(responseCode = "404", description = "No such territory",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TerritoryView get(@PathParam("phase") String phase, @PathParam("tiId") String tiId) {
        return TerritoryView.of(territories.get(phase, tiId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Label a territory (national administrator)")
    @APIResponse(responseCode = "201", description = "Labelled")
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response label(@Valid @NotNull NewTerritory request, UriInfo uri) {
        Territory t = territories.label(caller.get(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(t.phase).path(t.tiId).build())
                .entity(TerritoryView.of(t)).build();
    }
}
