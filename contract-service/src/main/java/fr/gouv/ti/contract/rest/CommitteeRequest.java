package fr.gouv.ti.contract.rest;

import fr.gouv.ti.contract.domain.Committee;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "Committee", description = "A meeting of the territory's committee, chaired by its pair of pilots: "
        + "PROJET (comité de projet) before the contract is signed, SUIVI (comité de suivi) from its signature on.")
public record CommitteeRequest(
        @NotNull @Schema(example = "PROJET") Committee.Kind kind,
        @NotNull @Schema(example = "2019-05-14") LocalDate heldOn,
        @Size(max = 4000) @Schema(example = "Validation du plan d'actions avant signature du protocole") String note) {
}
