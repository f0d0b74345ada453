package fr.gouv.ti.territory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.territory.domain.TerritorySummary;
import fr.gouv.ti.territory.domain.TerritorySummaryRepository;
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

import java.time.Instant;
import java.time.LocalDate;

@Path("/api/v1/territories/{phase}/{tiId}/summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Territories")
public class TerritorySummaryResource {

    private final TerritorySummaryRepository summaries;
    private final TerritoryService territories;

    public TerritorySummaryResource(TerritorySummaryRepository summaries, TerritoryService territories) {
        this.summaries = summaries;
        this.territories = territories;
    }

    @Schema(name = "TerritorySummary", description = "Contract state, fiches-actions and money of a territory, as "
            + "reported by contract-service and funding-service events (eventually consistent).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SummaryView(String phase, String tiId, String contractId, String contractState,
                              LocalDate contractEffectiveDate, int actionCount,
                              @Schema(description = "euro cents") long allocatedCents,
                              @Schema(description = "euro cents") long committedCents,
                              @Schema(description = "euro cents") long disbursedCents,
                              long eventsApplied, Instant updatedAt) {
    }

    @GET
    @Operation(operationId = "getTerritorySummary", summary = "Summary of a territory's contract and funding", description = "Open data. Built from events; "
            + "a territory with no contract or funding event yet has an empty summary.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "400", description = "Malformed key")
    @APIResponse(responseCode = "404", description = "No such territory")
    public SummaryView get(@Parameter(schema = @Schema(pattern = "^\\d{4}-\\d{4}$"), example = "2019-2022") @PathParam("phase") String phase,
                           @Parameter(schema = @Schema(pattern = "^ti-\\d{4}$"), example = "ti-8411") @PathParam("tiId") String tiId) {
        if (!phase.matches("\\d{4}-\\d{4}")) {
            throw ProblemException.badRequest("phase must look like 2019-2022", new FieldError("phase", "must look like 2019-2022"));
        }
        if (!tiId.matches("ti-\\d{4}")) {
            throw ProblemException.badRequest("tiId must look like ti-8411", new FieldError("tiId", "must look like ti-8411"));
        }
        TerritorySummary s = summaries.find(phase, tiId).orElseGet(() -> {
            territories.get(phase, tiId); // no event yet: an empty summary, if the territory exists (else 404)
            return TerritorySummary.empty(phase, tiId);
        });
        return new SummaryView(phase, tiId, s.contractId(), s.contractState(), s.contractEffective(), s.actionCount(),
                s.allocatedCents(), s.committedCents(), s.disbursedCents(), s.eventsApplied(), s.updatedAt());
    }
}
