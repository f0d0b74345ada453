package fr.gouv.ti.measure.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "MeasureRequest", description = "A measure to add to the draft, or its new content. The phase follows "
        + "from the axis. A source is required: a URL, or a citation for a printed source.")
public record MeasureRequest(
        @Pattern(regexp = "[A-Z][A-Z_]*-\\d{2,3}", message = "must look like RECRUTER-07")
        @Schema(description = "Stable code. Optional when adding: generated as <AXIS>-<next number>. "
                + "Must start with the axis code. Never reused.", example = "RECRUTER-07") String code,
        @NotBlank @Schema(description = "Axis code (an enjeu of 2019-2022 or a priority of 2023-2027); see GET /api/v1/axes",
                example = "RECRUTER") String axis,
        @NotBlank @Size(max = 500) @Schema(example = "Écoles de production : soutien en ingénierie et en financement")
        String titleFr,
        @Size(max = 500) @Schema(example = "Production schools: engineering and funding support") String titleEn,
        @Size(max = 4000) String description,
        @NotEmpty @Size(max = 20) @Schema(description = "Operator codes; see GET /api/v1/operators. POLE_EMPLOI is "
                + "accepted and stored as FRANCE_TRAVAIL.", example = "[\"ETAT\"]")
        List<@NotBlank @Pattern(regexp = "[A-Z][A-Z_]*", message = "must be an operator code such as BPIFRANCE") String> operators,
        @PositiveOrZero @Schema(description = "Envelope in euro cents (integer), when one is identified", example = "1500000000")
        Long envelopeCents,
        @Schema(example = "2020-01-01") LocalDate validFrom,
        @Schema(example = "2022-12-31") LocalDate validTo,
        @Pattern(regexp = "\\d{4}(-\\d{2}-\\d{2})?", message = "must be a year (2020) or a date (2020-03-05)")
        @Schema(description = "When the measure first appears in the sources", example = "2020") String firstSeen,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        @Schema(example = "https://2017-2022.nosdeputes.fr/15/intervention/1028626") String sourceUrl,
        @Size(max = 1000) @Schema(description = "Citation of a source that has no URL (printed article)") String sourceCitation,
        @NotNull @Schema(description = "Whether the title is the official wording, partial, or a paraphrase") Wording wording,
        @Size(max = 500) String wordingNote) {

    public enum Wording { OFFICIAL, PARTIAL, PARAPHRASE }
}
