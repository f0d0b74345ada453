package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "ProgressReport", description = "Territories with a signed protocol / contract at a date, per region, "
        + "against the national targets")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressReport(
        @Schema(example = "2019-2022") String phase,
        @Schema(example = "2019-12-31") LocalDate asOf,
        @Schema(description = "Labelled territories known to this service") long territories,
        @Schema(description = "Territories with a protocol signed on or before asOf (contract not abandoned by then)") long protocols,
        @Schema(description = "Territories with a contract signed on or before asOf") long contracts,
        List<RegionProgress> regions,
        List<TargetProgress> targets) {

    @Schema(name = "RegionProgress")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegionProgress(@Schema(example = "84") String regionCode, long territories, long protocols, long contracts) {
    }

    @Schema(name = "TargetProgress", description = "A national target and where it stood on its date")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetProgress(
            @Schema(example = "end 2019") String label,
            @Schema(example = "2019-12-31") LocalDate date,
            @Schema(description = "Target number of signed protocols", example = "100") long protocolsTarget,
            @Schema(description = "Protocols signed on or before the target date") long protocolsOnDate,
            boolean reached,
            @Schema(description = "Where the target is cited from") String source) {
    }
}
