package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Signatory")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignatoryView(
        @Schema(description = "EPCI, REGION, PREFET, OPERATOR or INDUSTRIALIST", example = "EPCI") String kind,
        @Schema(description = "SIREN (EPCI), region code, department code (préfet) or operator code", example = "200035731") String code,
        @Schema(example = "CA Roannais Agglomération") String name,
        @Schema(description = "Industrialist's organisation") String organisation) {
}
