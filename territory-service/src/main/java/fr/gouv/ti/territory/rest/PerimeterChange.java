package fr.gouv.ti.territory.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "PerimeterChange", description = "The whole new perimeter and the date it takes effect; groupements "
        + "not listed leave on that date, new ones join on it, the past stays readable with asOf")
public record PerimeterChange(
        @NotNull @Schema(example = "2024-01-01") LocalDate effectiveDate,
        @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid MemberInput> members) {
}
