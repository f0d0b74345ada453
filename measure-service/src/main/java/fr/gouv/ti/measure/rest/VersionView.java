package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

@Schema(name = "CatalogueVersion", description = "A version of the catalogue. A DRAFT is editable; a PUBLISHED version "
        + "never changes. officialCount is the number of measures official sources state for the version (17 for the "
        + "2018 launch basket); knownCount is the number of entries this catalogue actually holds, with their sources.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(
        @Schema(example = "1") int number,
        @Schema(enumeration = {"DRAFT", "PUBLISHED"}, example = "PUBLISHED") String status,
        @Schema(example = "Panier de lancement (novembre 2018)") String label,
        @Schema(example = "2018-11-22") LocalDate effectiveDate,
        @Schema(description = "The version the draft was copied from") Integer basedOn,
        @Schema(example = "17") Integer officialCount,
        @Schema(example = "https://www.cget.gouv.fr/dossiers/territoires-dindustrie") String officialCountSource,
        String officialCountNote,
        @Schema(example = "16") long knownCount,
        @Schema(example = "16") long activeCount,
        @Schema(example = "0") long retiredCount,
        @Schema(description = "True for the version in force today") boolean current,
        Instant createdAt,
        Instant publishedAt,
        @Schema(description = "Same value as the ETag header; send it in If-Match to edit the draft", example = "\"2.3\"")
        String etag) {

    public static VersionView of(CatalogueVersion v, long known, long active, boolean current, String etag) {
        return new VersionView(v.number, v.status, v.label, v.effectiveDate, v.basedOn, v.officialCount,
                v.officialCountSource, v.officialCountNote, known, active, known - active, current, v.createdAt,
                v.publishedAt, etag);
    }
}
