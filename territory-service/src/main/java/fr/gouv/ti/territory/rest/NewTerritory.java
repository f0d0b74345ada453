package fr.gouv.ti.territory.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "NewTerritory", description = "A territory to label in a phase, with its perimeter and pilots (optional)")
public record NewTerritory(
        @NotBlank @Pattern(regexp = "\\d{4}-\\d{4}", message = "must look like 2019-2022") @Schema(example = "2019-2022") String phase,
        @NotBlank @Pattern(regexp = "ti-\\d{4}", message = "must look like ti-8411") @Schema(example = "ti-8411") String tiId,
        @NotBlank @Size(max = 300) @Schema(example = "Roanne - Tarare") String name,
        @NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit INSEE region code") @Schema(example = "84") String regionCode,
        @Schema(description = "Date of the labelling decision; also the date the groupements join (default today)", example = "2018-11-22") LocalDate labelledOn,
        @Size(max = 4000) @Schema(description = "Free notes") String notes,
        @Size(max = 500) @Schema(description = "Member groupements") List<@NotNull @Valid MemberInput> perimeter,
        @Size(max = 10) @Schema(description = "Pilots: an elected official and an industrialist") List<@NotNull @Valid PilotInput> pilots) {
}
