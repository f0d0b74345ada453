package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.measure.domain.FundingSource;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FundingSource", description = "A funding source of the programme: a source line of the ledger "
        + "(funding-service accepts exactly these codes)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FundingSourceView(
        @Schema(example = "PIC") String code,
        @Schema(example = "Plan d'investissement dans les compétences") String name,
        @Schema(description = "The operator whose own funds this source is, if any", example = "BANQUE_DES_TERRITOIRES")
        String operator,
        @Schema(description = "Where the source is named", example = "https://www.linfodurable.fr/le-gouvernement-veut-developper-les-territoires-dindustrie-7547")
        String source) {

    public static FundingSourceView of(FundingSource f) {
        return new FundingSourceView(f.code, f.name, f.operatorCode, f.source);
    }
}
