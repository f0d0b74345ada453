package fr.gouv.ti.contract.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "Signatories", description = "Who signed: the territory's EPCIs (SIRENs of its perimeter on the date), "
        + "the region (the territory's lead region) and, for a territory that straddles two, the other one (coRegions), "
        + "the préfet, operators (codes), named industrialists.")
public record SignatoriesRequest(
        @Schema(description = "SIRENs of the signing EPCIs; each must be in the territory's perimeter on the effective date",
                example = "[\"200035202\",\"200035731\"]") List<@NotBlank @Pattern(regexp = "\\d{9}", message = "must be a 9-digit SIREN") String> epcis,
        @Pattern(regexp = "\\d{2}", message = "must be a 2-digit INSEE region code")
        @Schema(description = "INSEE code of the signing region: must be the territory's (lead) region", example = "84") String region,
        @Schema(description = "For a territory whose perimeter straddles two regions: the other region(s) that co-signed "
                + "(INSEE codes among the territory's regionCodes, not the lead)", example = "[\"84\"]")
        List<@NotBlank @Pattern(regexp = "\\d{2}", message = "must be a 2-digit INSEE region code") String> coRegions,
        @Valid @Schema(description = "The préfet (de département) who signed for the State") Prefet prefet,
        @Schema(description = "Operator codes of measure-service's reference data (GET /api/v1/operators: "
                + "BANQUE_DES_TERRITOIRES, BPIFRANCE, BUSINESS_FRANCE, FRANCE_TRAVAIL, ADEME, ACTION_LOGEMENT, APEC, "
                + "CNAM, ETAT); a code of an older source is stored as the operator it means (POLE_EMPLOI as "
                + "FRANCE_TRAVAIL)", example = "[\"BANQUE_DES_TERRITOIRES\",\"BPIFRANCE\"]") List<@NotBlank String> operators,
        @Schema(description = "Named industrialists") List<@Valid Industrialist> industrialists) {

    @Schema(name = "Prefet")
    public record Prefet(
            @NotBlank @Size(max = 200) @Schema(example = "Préfet de la Loire") String name,
            @NotBlank @Pattern(regexp = "\\d{2}|2A|2B|\\d{3}", message = "must be an INSEE department code")
            @Schema(description = "Department of the préfet: one of the territory's departments", example = "42") String departmentCode) {
    }

    @Schema(name = "Industrialist")
    public record Industrialist(
            @NotBlank @Size(max = 200) @Schema(example = "Jeanne Martin") String name,
            @Size(max = 300) @Schema(example = "Établissements Martin") String organisation) {
    }
}
