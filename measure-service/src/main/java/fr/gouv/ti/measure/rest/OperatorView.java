package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.measure.domain.Operator;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "Operator", description = "An operator of the programme, with a stable code and its names over time")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorView(
        @Schema(example = "FRANCE_TRAVAIL") String code,
        @Schema(description = "Name on the date asked (asOf), or today", example = "France Travail") String name,
        @Schema(enumeration = {"NATIONAL_OPERATOR", "STATE"}) String kind,
        List<Name> names,
        @Schema(description = "Codes of older sources that mean this operator", example = "[\"POLE_EMPLOI\"]")
        List<String> aliases,
        @Schema(description = "SIRET of the head office; absent while no source gives it") String siret,
        String source) {

    @Schema(name = "OperatorName")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Name(@Schema(example = "Pôle emploi") String name,
                       LocalDate validFrom,
                       @Schema(example = "2023-12-31") LocalDate validTo,
                       String source) {
    }

    public static OperatorView of(Operator o, LocalDate asOf, List<String> aliases) {
        return new OperatorView(o.code, o.nameOn(asOf), o.kind,
                o.names.stream().map(n -> new Name(n.name, n.validFrom, n.validTo, n.source)).toList(),
                aliases, o.siret, o.source);
    }
}
