package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.contract.domain.ActionStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(name = "FicheActionRequest", description = "A fiche-action. On creation the status is IDENTIFIED (omit it); "
        + "on update (PUT) the whole fiche is sent again, and a changed status must follow "
        + "IDENTIFIED → READY → ENGAGED → COMPLETED, or ABANDONED.")
public record ActionRequest(
        @NotBlank @Size(max = 300) @Schema(example = "Plateforme mutualisée de formation aux métiers du textile") String title,
        @Size(max = 8000) @Schema(example = "Créer une plateforme de formation partagée par les industriels du territoire") String description,
        @NotBlank @Schema(description = "Axis (enjeu) of the phase: RECRUTER, INNOVER, ATTIRER, SIMPLIFIER (2019-2022); "
                + "TRANSITION_ECOLOGIQUE, INNOVATION, COMPETENCES_RECRUTEMENT, FONCIER_INDUSTRIEL (2023-2027)", example = "RECRUTER") String axis,
        @NotEmpty @Size(max = 20) @Schema(description = "Codes of catalogue measures valid on actionDate", example = "[\"M-RECRUTER-VTE\"]")
        List<@NotBlank String> measureCodes,
        @NotNull @Schema(description = "Date of the fiche-action (measure validity is checked on it); within the contract period",
                example = "2019-09-15") LocalDate actionDate,
        @NotNull @Valid LeadOrganisation leadOrganisation,
        @NotBlank @Pattern(regexp = "\\d{9}", message = "must be a 9-digit SIREN")
        @Schema(description = "SIREN of the EPCI of the perimeter where the action happens", example = "200035731") String epciSiren,
        @NotNull @PositiveOrZero @Schema(description = "Estimated cost in euro cents", example = "25000000") Long estimatedCostCents,
        @Size(max = 20) List<@NotNull @Valid FundingRequest> requestedFunding,
        @Schema(description = "Only on update") ActionStatus status) {

    @Schema(name = "LeadOrganisation", description = "The organisation that carries the action: a SIREN or a SIRET (or both, consistent)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeadOrganisation(
            @NotBlank @Size(max = 300) @Schema(example = "Roannais Agglomération") String name,
            @Pattern(regexp = "\\d{9}", message = "must be 9 digits") @Schema(example = "200035731") String siren,
            @Pattern(regexp = "\\d{14}", message = "must be 14 digits") @Schema(example = "55200844300015") String siret) {
    }

    @Schema(name = "RequestedFunding")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FundingRequest(
            @NotBlank @Schema(example = "BPIFRANCE") String operator,
            @NotNull @PositiveOrZero @Schema(description = "Euro cents", example = "5000000") Long amountCents) {
    }
}
