package fr.gouv.ti.territory.domain;

import java.time.Instant;
import java.time.LocalDate;

/** Per-territory read model built from contract and funding events (eventually consistent). */
public record TerritorySummary(String phase, String tiId, String contractId, String contractState,
                               LocalDate contractEffective, int actionCount, long allocatedCents, long committedCents,
                               long disbursedCents, long eventsApplied, Instant updatedAt) {

    /** What a territory with no contract or funding event yet shows. */
    public static TerritorySummary empty(String phase, String tiId) {
        return new TerritorySummary(phase, tiId, null, null, null, 0, 0, 0, 0, 0, null);
    }
}
