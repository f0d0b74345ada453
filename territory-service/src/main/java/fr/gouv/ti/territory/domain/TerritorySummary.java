package fr.gouv.ti.territory.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/** Per-territory read model built from contract and funding events. */
@Entity
@Table(name = "territory_summary")
public class TerritorySummary extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "contract_id")
    public String contractId;

    @Column(name = "contract_state")
    public String contractState;

    @Column(name = "contract_effective")
    public LocalDate contractEffective;

    @Column(name = "action_count")
    public int actionCount;

    @Column(name = "allocated_cents")
    public long allocatedCents;

    @Column(name = "committed_cents")
    public long committedCents;

    @Column(name = "disbursed_cents")
    public long disbursedCents;

    @Column(name = "events_applied")
    public long eventsApplied;

    @Column(name = "last_event_id")
    public String lastEventId;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static TerritorySummary getOrCreate(String phase, String tiId) {
        Key k = new Key(phase, tiId);
        TerritorySummary s = findById(k);
        if (s == null) {
            s = new TerritorySummary();
            s.key = k;
            s.updatedAt = Instant.now();
            s.persist();
        }
        return s;
    }

    @Embeddable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(@Column(name = "phase") String phase, @Column(name = "ti_id") String tiId) implements Serializable {
    }
}
