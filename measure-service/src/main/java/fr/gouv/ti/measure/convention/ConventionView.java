package fr.gouv.ti.measure.convention;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "Convention", description = "A convention signed by the State and a national operator for the "
        + "programme, as the sources describe it. A field the sources do not give is absent, and named in notInSources.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConventionView(
        @Schema(example = "CONV-2019-BDT", pattern = "^CONV-[0-9]{4}-[A-Z0-9]+(-[A-Z0-9]+)*$") String code,
        @Schema(description = "Descriptive label in the sources' words (the official title of the document was not found)",
                example = "Convention de mobilisation Territoires d'industrie entre l'État et la Banque des Territoires")
        String label,
        @Schema(description = "The operator the State signed with", example = "BANQUE_DES_TERRITOIRES") String operator,
        @Schema(description = "Its name on the day of signature", example = "Banque des Territoires") String operatorName,
        @Schema(example = "2019-03-05") LocalDate signedOn,
        @Schema(description = "Source of the date") String signedOnSource,
        @Schema(example = "Lyon") String place,
        @Schema(example = "1re assemblée générale des Territoires d'industrie, Lyon, 5 et 6 mars 2019") String occasion,
        String occasionSource,
        @Schema(description = "Number or reference of the signed document, when a source gives one") String documentReference,
        @Schema(description = "Duration the convention was signed for, in years", example = "4") Integer durationYears,
        String durationSource,
        @Schema(description = "Main source of the convention") String sourceUrl,
        @Schema(description = "Citation of a source without URL") String sourceCitation,
        List<Party> parties,
        List<Commitment> commitments,
        @Schema(description = "What the sources do not give (stored as nothing rather than guessed)",
                example = "[\"documentReference\", \"parties[BANQUE_DES_TERRITOIRES].signatories\"]")
        List<String> notInSources) {

    @Schema(name = "ConventionParty", description = "A party: the State (ETAT) or the operator")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(
            @Schema(example = "ETAT") String operator,
            @Schema(description = "Name on the day of signature", example = "État (ministères et services de l'État)") String name,
            @Schema(enumeration = {"STATE", "OPERATOR"}) String role,
            List<Signatory> signatories,
            String sourceUrl) {
    }

    @Schema(name = "ConventionSignatory", description = "A person who signed for a party, as a source names them")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signatory(
            @Schema(example = "Jacqueline Gourault") String name,
            @Schema(example = "ministre de la Cohésion des territoires et des Relations avec les collectivités territoriales")
            String title,
            String sourceUrl) {
    }

    @Schema(name = "ConventionCommitment", description = "What the operator committed: money or a service, with its source")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Commitment(
            @Schema(example = "1") int position,
            @Schema(enumeration = {"MONEY", "SERVICE"}) String kind,
            @Schema(example = "Investissement en fonds propres dans les projets des Territoires d'industrie") String description,
            @Schema(description = "Amount in euro cents, where a source states one", example = "10000000000") Long amountCents,
            @Schema(description = "What the amount is counted over", enumeration = {"PER_YEAR", "TOTAL"}) String amountBasis,
            @Schema(example = "2019-2022") String period,
            @Schema(description = "Codes of the catalogue's measures that come from this commitment",
                    example = "[\"ATTIRER-01\"]") List<String> measures,
            String sourceUrl,
            String sourceCitation,
            @Schema(description = "Other sources and what they say") String note) {
    }
}
