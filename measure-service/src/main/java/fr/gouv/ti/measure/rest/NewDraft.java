package fr.gouv.ti.measure.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewDraft", description = "Opens the draft of the next catalogue version, as a copy of the current one")
public record NewDraft(
        @NotBlank @Size(max = 300) @Schema(example = "Offre de services 2020 (Pack Rebond)") String label,
        @PositiveOrZero @Schema(description = "Number of measures official sources state for this version, if any")
        Integer officialCount,
        @Size(max = 2000) @Schema(description = "Source of the official count (required with officialCount)")
        String officialCountSource,
        @Size(max = 2000) String officialCountNote) {
}
