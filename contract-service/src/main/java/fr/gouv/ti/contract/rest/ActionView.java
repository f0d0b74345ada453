package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.contract.domain.ActionStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "FicheAction", description = "A fiche-action. The public view (anonymous callers) has only the id, title, "
        + "status and amounts.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionView(
        UUID actionId,
        UUID contractId,
        @Schema(example = "Plateforme mutualisée de formation") String title,
        String description,
        @Schema(example = "RECRUTER") String axis,
        List<String> measureCodes,
        LocalDate actionDate,
        ActionRequest.LeadOrganisation leadOrganisation,
        String epciSiren,
        @Schema(description = "Euro cents") Long estimatedCostCents,
        List<ActionRequest.FundingRequest> requestedFunding,
        @Schema(description = "Sum of requestedFunding, euro cents") Long requestedTotalCents,
        ActionStatus status,
        List<ActionStatus> allowedTransitions,
        @Schema(description = "Committed so far, as reported by funding-service (euro cents)") Long committedCents,
        @Schema(description = "Disbursed so far, as reported by funding-service (euro cents)") Long disbursedCents,
        Long version,
        Instant updatedAt) {
}
