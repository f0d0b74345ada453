package fr.gouv.ti.territory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Pilot", description = "A pilot of the territory")
public record PilotInput(
        @NotBlank @Size(max = 200) @Schema(example = "Jeanne Martin") String name,
        @NotBlank @Pattern(regexp = "ELECTED|INDUSTRIALIST", message = "must be ELECTED or INDUSTRIALIST") @Schema(enumeration = {"ELECTED", "INDUSTRIALIST"}, example = "ELECTED") String role,
        @Size(max = 300) @Schema(example = "Roannais Agglomération") String organisation) {
}
