package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "CatalogueDiff", description = "What changed between two versions. A measure newly retired is listed "
        + "under `retired` only (its validity end follows from the retirement); `reworded` lists text changes "
        + "(titles, description); `changed` lists other changes (axis, operators, envelope, validity, source, wording).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiffView(
        @Schema(example = "1") int from,
        @Schema(example = "2") int to,
        List<MeasureSummary> added,
        @Schema(description = "Codes present in `from` and absent from `to`") List<MeasureSummary> removed,
        List<Retired> retired,
        List<Reworded> reworded,
        List<Changed> changed) {

    @Schema(name = "MeasureSummary")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeasureSummary(String code, String axis, String titleFr) {
    }

    @Schema(name = "RetiredMeasure")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retired(String code, String titleFr, LocalDate retiredOn) {
    }

    @Schema(name = "MeasureText")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Text(String titleFr, String titleEn, String description, String wording) {
    }

    @Schema(name = "RewordedMeasure")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reworded(String code, Text before, Text after) {
    }

    @Schema(name = "ChangedMeasure")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changed(String code, @Schema(example = "[\"operators\", \"envelopeCents\"]") List<String> fields) {
    }
}
