package fr.gouv.ti.territory.rest;

import fr.gouv.ti.territory.domain.Territory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Territory")
public record TerritoryView(
        @Schema(example = "2019-2022") String phase,
        @Schema(example = "ti-8411") String tiId,
        @Schema(example = "Roanne - Tarare") String name,
        @Schema(example = "84") String regionCode,
        @Schema(example = "LABELLED") String status,
        Instant updatedAt) {

    public static TerritoryView of(Territory t) {
        return new TerritoryView(t.phase, t.tiId, t.name, t.regionCode, t.status, t.updatedAt);
    }
}
