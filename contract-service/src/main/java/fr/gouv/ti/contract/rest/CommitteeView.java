package fr.gouv.ti.contract.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.contract.domain.Committee;

import java.time.Instant;
import java.time.LocalDate;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommitteeView(Committee.Kind kind, LocalDate heldOn, String note, String recordedBy, Instant recordedAt) {

    public static CommitteeView of(Committee c) {
        return new CommitteeView(c.kind, c.heldOn, c.note, c.recordedBy, c.recordedAt);
    }
}
