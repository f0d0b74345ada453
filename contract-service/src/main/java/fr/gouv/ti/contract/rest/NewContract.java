package fr.gouv.ti.contract.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "NewContract", description = "Opens the contract of a territory (state PREPARATION). The period defaults "
        + "to the whole phase (2019-01-01..2022-12-31 for 2019-2022); a later start, such as 2020-01-01, is allowed.")
public record NewContract(
        @NotBlank @Pattern(regexp = "\\d{4}-\\d{4}", message = "must look like 2019-2022") @Schema(example = "2019-2022") String phase,
        @NotBlank @Pattern(regexp = "ti-\\d{4}", message = "must look like ti-8411") @Schema(example = "ti-8411") String tiId,
        @Schema(description = "First day of the contract period; default: 1 January of the phase's first year", example = "2019-01-01") LocalDate periodStart,
        @Schema(description = "Last day of the contract period; default: 31 December of the phase's last year", example = "2022-12-31") LocalDate periodEnd) {
}
