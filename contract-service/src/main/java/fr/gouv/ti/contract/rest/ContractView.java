package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import fr.gouv.ti.contract.domain.ContractState;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Contract", description = "A territory's contract. The public view (anonymous callers, and readers outside "
        + "the contract's region or territory) has the state, the dates and the actions' titles and amounts; "
        + "signatories and documents are in `transitions`, for the other readers.")
public record ContractView(
        UUID contractId,
        @Schema(example = "2019-2022") String phase,
        @Schema(example = "ti-8411") String tiId,
        @Schema(example = "Roanne - Tarare") String territoryName,
        @Schema(example = "84") String regionCode,
        ContractState state,
        List<ContractState> allowedTransitions,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate protocolSignedOn,
        LocalDate contractSignedOn,
        int amendmentCount,
        LocalDate closedOn,
        LocalDate abandonedOn,
        long actionCount,
        @Schema(description = "Sum of the actions' estimated costs, euro cents") long estimatedCostCents,
        @Schema(description = "Sum committed on the actions, euro cents") long committedCents,
        @Schema(description = "Sum disbursed on the actions, euro cents") long disbursedCents,
        List<ActionView> actions,
        List<TransitionView> transitions,
        @Schema(description = "The territory's pilots (elected official and industrialist), from territory-service",
                type = SchemaType.ARRAY, implementation = ContractView.Pilot.class) JsonNode pilots,
        @Schema(description = "Comités de projet, then comités de suivi") List<CommitteeView> committees,
        @Schema(description = "Also sent as the ETag header") Long version,
        Instant updatedAt) {

    /**
     * A pilot as territory-service publishes it: {@code pilots} is kept as that service's JSON (it is not this
     * service's to reshape), so this record only documents it.
     */
    @Schema(name = "ContractPilot", description = "A pilot of the territory")
    public record Pilot(@Schema(example = "Yves Nicolin") String name,
                        @Schema(enumeration = {"ELECTED", "INDUSTRIALIST"}, example = "ELECTED") String role,
                        @Schema(example = "Roannais Agglomération") String organisation) {
    }
}
