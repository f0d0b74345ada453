package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.measure.domain.MeasureEntry;
import fr.gouv.ti.measure.domain.Operator;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

@Schema(name = "Measure", description = "A measure as it stands in one catalogue version")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeasureView(
        @Schema(example = "RECRUTER-01") String code,
        @Schema(description = "Catalogue version this text belongs to", example = "1") int version,
        @Schema(example = "2019-2022") String phase,
        @Schema(example = "RECRUTER") String axis,
        @Schema(example = "Recruter") String axisLabel,
        @Schema(example = "Expérimenter un « Volontariat Territorial en Entreprise » (VTE) dans les Territoires d'industrie")
        String titleFr,
        String titleEn,
        String description,
        List<OperatorRef> operators,
        @Schema(description = "Envelope in euro cents, when one is identified") Long envelopeCents,
        LocalDate validFrom,
        LocalDate validTo,
        @Schema(description = "First appearance in the sources, as precise as they are", example = "2018-11-22")
        String firstSeen,
        @Schema(example = "https://aer-bfc.com/8-territoires-de-bourgogne-franche-comte-identifies-comme-territoires-dindustrie")
        String sourceUrl,
        @Schema(description = "Citation of a source without URL") String sourceCitation,
        @Schema(enumeration = {"OFFICIAL", "PARTIAL", "PARAPHRASE"}, example = "OFFICIAL") String wording,
        String wordingNote,
        @Schema(enumeration = {"ACTIVE", "RETIRED"}, example = "ACTIVE") String status,
        LocalDate retiredOn,
        Instant updatedAt,
        @Schema(description = "Codes of the conventions whose commitments this measure comes from (GET "
                + "/api/v1/catalogue/conventions/{code}); absent when no source links it to one",
                example = "[\"CONV-2019-BDT\"]") List<String> conventions) {

    @Schema(name = "OperatorRef")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OperatorRef(
            @Schema(example = "FRANCE_TRAVAIL") String code,
            @Schema(description = "Name on the date asked (or today)", example = "France Travail") String name) {
    }

    public static MeasureView of(MeasureEntry m, int version, Map<String, String> axisLabels,
                                 Map<String, Operator> operators, LocalDate namesOn, List<String> conventions) {
        return new MeasureView(m.code, version, m.phase, m.axisCode, axisLabels.get(m.axisCode), m.titleFr, m.titleEn,
                m.description,
                m.operators.stream().map(c -> new OperatorRef(c,
                        operators.containsKey(c) ? operators.get(c).nameOn(namesOn) : c)).toList(),
                m.envelopeCents, m.validFrom, m.validTo, m.firstSeen, m.sourceUrl, m.sourceCitation, m.wording,
                m.wordingNote, m.status, m.retiredOn, m.updatedAt, conventions);
    }
}
