package fr.gouv.ti.funding.rest;

import fr.gouv.ti.funding.service.Postings;
import fr.gouv.ti.funding.domain.Instrument;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** Bodies of the write operations. Amounts are integer euro cents: 0, negatives and decimals are refused. */
public final class Requests {

    /**
     * The shape of an operator or funding-source code. Which codes exist is measure-service's reference data
     * (reference.published), checked by {@link fr.gouv.ti.funding.service.ReferenceCodes}, not a list here.
     */
    public static final String CODE = "[A-Z][A-Z0-9_]{1,39}";
    public static final String OPERATOR_MESSAGE = "must be an operator code such as BPIFRANCE";
    public static final String SOURCE_MESSAGE = "must be a funding-source code such as PIA";
    public static final long MAX_CENTS = 136_000_000_000L;

    private Requests() {
    }

    @Schema(name = "SourceLineAmount", description = "The amount of a source line of the programme envelope, as "
            + "entered by the national administrator (the split between PIC, PIA and Banque des Territoires is not "
            + "public; it is data, not a constant). The ledger posts the difference with the current amount.")
    public record SourceLine(
            @NotNull @Positive @Max(MAX_CENTS) @Schema(example = "50000000000", description = "Target amount, cents") Long amountCents,
            @NotNull @Schema(example = "2019-01-15") LocalDate effectiveDate,
            @Size(max = 500) @Schema(example = "Arbitrage interministériel du 15 janvier 2019") String reason) {

        public Postings.SourceLine posting() {
            return new Postings.SourceLine(amountCents, effectiveDate, reason);
        }
    }

    @Schema(name = "OperatorLineFunding", description = "Opens the line of an operator (or tops it up) from a source line")
    public record OperatorLine(
            @NotBlank @Pattern(regexp = CODE, message = OPERATOR_MESSAGE) @Schema(example = "BPIFRANCE") String operator,
            @NotBlank @Pattern(regexp = CODE, message = SOURCE_MESSAGE)
            @Schema(example = "PIA", description = "A funding source of measure-service's reference data "
                    + "(GET /api/v1/catalogue/funding-sources): PIC, PIA, BANQUE_DES_TERRITOIRES") String sourceCode,
            @NotNull @Positive @Max(MAX_CENTS) @Schema(example = "10000000000") Long amountCents,
            @NotNull @Schema(example = "2019-02-01") LocalDate effectiveDate,
            @Size(max = 200) @Schema(example = "Convention ANCT-Bpifrance 2019") String reference,
            @Size(max = 60) @Pattern(regexp = fr.gouv.ti.funding.domain.LineConventionRepository.CODE,
                    message = "must be a convention code such as CONV-2019-BDT")
            @Schema(example = "CONV-2019-BPIFRANCE", description = "Optional: the convention de mobilisation this "
                    + "funding implements, by the code measure-service publishes (GET /api/v1/catalogue/conventions). "
                    + "Checked by its form only: the ledger does not know the conventions (they are not projected "
                    + "from events), so a well-formed code is accepted as a reference. Kept with the transaction.")
            String conventionCode) {

        public OperatorLine withCodes(String operator, String sourceCode) {
            return new OperatorLine(operator, sourceCode, amountCents, effectiveDate, reference, conventionCode);
        }

        public Postings.OperatorLine posting() {
            return new Postings.OperatorLine(operator, sourceCode, amountCents, effectiveDate, reference, conventionCode);
        }
    }

    @Schema(name = "Allocation", description = "Allocates part of an operator line to a territory and a measure")
    public record Allocation(
            @NotBlank @Pattern(regexp = CODE, message = OPERATOR_MESSAGE) @Schema(example = "BPIFRANCE") String operator,
            @NotBlank @Pattern(regexp = "\\d{4}-\\d{4}", message = "must look like 2019-2022") @Schema(example = "2019-2022") String phase,
            @NotBlank @Pattern(regexp = "ti-[0-9A-Za-z]{2,8}", message = "must look like ti-8411") @Schema(example = "ti-8411") String tiId,
            @Pattern(regexp = "\\d{2}", message = "must be a 2-digit INSEE region code")
            @Schema(example = "84", description = "Optional and only checked: the ledger books the allocation in the "
                    + "territory's lead region as published by the registry (ti.territory.v1); when given, it must be "
                    + "one of the territory's regions (two for a territory that straddles regions).") String regionCode,
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_.-]{1,39}", message = "must be a measure code such as INNOVER_PIA")
            @Schema(example = "INNOVER_PIA") String measureCode,
            @NotNull @Positive @Max(MAX_CENTS) @Schema(example = "150000000") Long amountCents,
            @NotNull @Schema(example = "2019-06-01") LocalDate effectiveDate,
            @Size(max = 200) String reference) {

        public Allocation withOperator(String operator) {
            return new Allocation(operator, phase, tiId, regionCode, measureCode, amountCents, effectiveDate, reference);
        }

        public Postings.Allocation posting() {
            return new Postings.Allocation(operator, phase, tiId, regionCode, measureCode, amountCents, effectiveDate,
                    reference);
        }
    }

    @Schema(name = "Commitment", description = "Commits part of an allocation to a fiche-action (legal obligation)")
    public record Commitment(
            @NotBlank @Size(max = 100) @Schema(example = "4f6c1e0a-8a55-4c0e-9d7f-2b1d3c4e5f60") String actionId,
            @Pattern(regexp = CODE, message = OPERATOR_MESSAGE)
            @Schema(description = "Defaults to the calling operator", example = "BPIFRANCE") String operator,
            @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_.-]{1,39}", message = "must be a measure code such as INNOVER_PIA")
            @Schema(example = "INNOVER_PIA") String measureCode,
            @NotNull @Positive @Max(MAX_CENTS) @Schema(example = "2500000") Long amountCents,
            @NotNull @Schema(example = "2020-03-10") LocalDate effectiveDate,
            @Size(max = 200) @Schema(description = "Reference of the decision or convention (SCDL referenceDecision)",
                    example = "CONV-2020-0042") String decisionReference,
            @Size(max = 300) @Schema(description = "SCDL nomBeneficiaire", example = "Communauté d'agglomération X") String beneficiaryName,
            @Pattern(regexp = "\\d{14}", message = "must be a 14-digit SIRET") @Schema(description = "SCDL idBeneficiaire (SIRET)")
            String beneficiarySiret,
            @Size(max = 1000) @Schema(description = "SCDL objet; defaults to the title of the fiche-action") String object,
            @Pattern(regexp = Instrument.PATTERN, message = "must be one of GRANT, ENGINEERING_CREDIT, LOAN, EQUITY, GUARANTEE")
            @Schema(description = "How the operator funds it (default GRANT). GRANT → SCDL nature 'aide en numéraire'; "
                    + "ENGINEERING_CREDIT (studies the operator orders for the territory) → 'aide en nature'; LOAN, "
                    + "EQUITY and GUARANTEE are not subsidies and are left out of the SCDL Subventions file",
                    enumeration = {"GRANT", "ENGINEERING_CREDIT", "LOAN", "EQUITY", "GUARANTEE"}, example = "GRANT")
            String instrument) {
    }

    @Schema(name = "Disbursement", description = "Records a payment on a commitment (partial payments allowed)")
    public record Disbursement(
            @NotNull @Positive @Max(MAX_CENTS) @Schema(example = "1000000") Long amountCents,
            @NotNull @Schema(example = "2020-09-01") LocalDate effectiveDate,
            @Size(max = 200) @Schema(example = "Mandat 2020-123") String reference) {
    }

    @Schema(name = "Correction", description = "A cancellation of the rest of a commitment, or a reversal: the reason is mandatory")
    public record Correction(
            @NotBlank @Size(max = 1000) @Schema(example = "Projet abandonné par le porteur") String reason,
            @NotNull @Schema(example = "2021-01-15") LocalDate effectiveDate) {

        public Postings.Correction posting() {
            return new Postings.Correction(reason, effectiveDate);
        }
    }
}
