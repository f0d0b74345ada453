package fr.gouv.ti.contract.rest;

import fr.gouv.ti.contract.domain.Committee;

import java.time.Instant;
import java.time.LocalDate;

public record CommitteeView(Committee.Kind kind, LocalDate heldOn, String note, String recordedBy, Instant recordedAt) {

    public static CommitteeView of(Committee c) {
        return new CommitteeView(c.kind, c.heldOn, c.note, c.recordedBy, c.recordedAt);
    }
}
