package fr.gouv.ti.territory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "NewPhase", description = "A new phase of the programme")
public record NewPhase(
        @NotBlank @Pattern(regexp = "\\d{4}-\\d{4}", message = "must look like 2028-2032") @Schema(example = "2028-2032") String code,
        @NotNull @Schema(example = "2028-01-01") LocalDate startsOn,
        @NotNull @Schema(example = "2032-12-31") LocalDate endsOn) {
}
