package fr.gouv.ti.contract.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "Transition", description = "A step of the contract: its effective date, the reference of the signed "
        + "document and its signatories (required for the protocol, the contract and amendments).")
public record TransitionRequest(
        @NotNull @Schema(example = "2019-06-20") LocalDate effectiveDate,
        @NotBlank @Size(max = 300) @Schema(example = "PROTOCOLE-TI-8411-2019-06-20") String documentReference,
        @Valid SignatoriesRequest signatories,
        @Valid @Schema(description = "Only for an amendment: its changes") AmendmentRequest changes,
        @Size(max = 2000) @Schema(description = "Why (abandonment, closure)", example = "Fin du contrat") String reason) {
}
