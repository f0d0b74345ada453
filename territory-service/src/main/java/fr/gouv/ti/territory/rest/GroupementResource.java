package fr.gouv.ti.territory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.territory.domain.Membership;
import fr.gouv.ti.territory.service.TerritoryService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/groupements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Territories")
public class GroupementResource {

    private final TerritoryService territories;

    public GroupementResource(TerritoryService territories) {
        this.territories = territories;
    }

    @Schema(name = "GroupementMembership", description = "A period during which a groupement belonged to a territory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MembershipView(@Schema(example = "2019-2022") String phase, @Schema(example = "ti-8411") String tiId,
                                 @Schema(example = "Roanne - Tarare") String territoryName, String territoryStatus,
                                 TerritoryView.MemberView groupement) {
        static MembershipView of(Membership m) {
            return new MembershipView(m.phase(), m.tiId(), m.territoryName(), m.territoryStatus(),
                    TerritoryView.MemberView.of(m.member()));
        }
    }

    @GET
    @Path("/{siren}/territories")
    @Operation(operationId = "listGroupementTerritories", summary = "Which territories contain this groupement, in every phase",
            description = "Open data. Every membership period (past ones too) of the EPCI, EPT or commune with this "
                    + "SIREN; empty when it never belonged to a territory.")
    @APIResponse(responseCode = "200", description = "Membership periods, by phase and tiId")
    @APIResponse(responseCode = "400", description = "Not a valid SIREN")
    public List<MembershipView> territories(@Parameter(example = "200035731") @PathParam("siren") String siren) {
        return territories.territoriesOf(siren).stream().map(MembershipView::of).toList();
    }
}
