package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.contract.domain.ContractState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ContractHistory", description = "The contract as it stood at the end of a given day, with the steps up to it")
public record HistoryView(
        UUID contractId,
        LocalDate asOf,
        ContractState state,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate protocolSignedOn,
        LocalDate contractSignedOn,
        int amendmentCount,
        LocalDate closedOn,
        LocalDate abandonedOn,
        List<TransitionView> transitions) {
}
