package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import fr.gouv.ti.contract.domain.ContractState;
import fr.gouv.ti.contract.domain.TransitionKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ContractTransition", description = "One step of the contract's life")
public record TransitionView(
        int seq,
        TransitionKind kind,
        ContractState fromState,
        ContractState toState,
        LocalDate effectiveDate,
        String documentReference,
        @Schema(description = "Amendments only: 1, 2, ...") Integer amendmentNumber,
        @Schema(description = "Amendments only: the changes, as recorded", implementation = AmendmentRequest.class) JsonNode changes,
        LocalDate periodEnd,
        List<SignatoryView> signatories,
        String recordedBy,
        Instant recordedAt) {
}
