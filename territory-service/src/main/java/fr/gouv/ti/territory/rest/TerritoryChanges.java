package fr.gouv.ti.territory.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "TerritoryChanges", description = "Fields to change; absent fields are left as they are")
public record TerritoryChanges(
        @Size(min = 1, max = 300) @Schema(example = "Roannais Forez") String name,
        @Pattern(regexp = "\\d{2}", message = "must be a 2-digit INSEE region code") @Schema(example = "84") String regionCode,
        @Size(max = 4000) @Schema(description = "Free notes (empty string clears them)") String notes,
        @Schema(example = "2018-11-22") LocalDate labelledOn) {
}
