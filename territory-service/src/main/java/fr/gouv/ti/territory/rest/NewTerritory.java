package fr.gouv.ti.territory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewTerritory", description = "A territory to label in a phase")
public record NewTerritory(
        @NotBlank @Pattern(regexp = "\\d{4}-\\d{4}", message = "must look like 2019-2022") @Schema(example = "2019-2022") String phase,
        @NotBlank @Pattern(regexp = "ti-\\d{4}", message = "must look like ti-8411") @Schema(example = "ti-8411") String tiId,
        @NotBlank @Size(max = 300) @Schema(example = "Roanne - Tarare") String name,
        @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit INSEE region code") @Schema(example = "84") String regionCode) {
}
