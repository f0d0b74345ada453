package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "Catalogue", description = "The catalogue in force on a date: its version and all its measures")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogueView(
        @Schema(example = "2019-06-01") LocalDate asOf,
        VersionView version,
        List<MeasureView> measures) {
}
