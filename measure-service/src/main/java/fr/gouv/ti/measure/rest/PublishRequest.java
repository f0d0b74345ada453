package fr.gouv.ti.measure.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "PublishRequest", description = "Freezes the draft as a published version in force from effectiveDate")
public record PublishRequest(
        @NotNull @Schema(description = "Date from which this version is the catalogue in force; not before the "
                + "current version's", example = "2020-09-01") LocalDate effectiveDate,
        @Size(max = 300) @Schema(description = "New label, if it should change") String label) {
}
