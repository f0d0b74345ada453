package fr.gouv.ti.contract.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "AmendmentChanges", description = "What an avenant changes")
public record AmendmentRequest(
        @NotBlank @Size(max = 4000) @Schema(example = "Avenant n°1: extension to 2023, two new fiches-actions") String summary,
        @Schema(description = "New last day of the period (an extension or a shortening)", example = "2023-12-31") LocalDate newPeriodEnd,
        @Schema(description = "Fiches-actions added to the contract by this amendment") List<UUID> actionsAdded,
        @Schema(description = "Fiches-actions changed by this amendment") List<UUID> actionsChanged,
        @Schema(description = "Fiches-actions removed by this amendment (they become ABANDONED)") List<UUID> actionsRemoved) {
}
