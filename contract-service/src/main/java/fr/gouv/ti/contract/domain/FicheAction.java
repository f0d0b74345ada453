package fr.gouv.ti.contract.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A fiche-action: one project of a territory's contract. */
@Entity
@Table(name = "action")
public class FicheAction extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "contract_id", nullable = false)
    public UUID contractId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(nullable = false)
    public String axis;

    /** ';'-separated measure codes. */
    @Column(name = "measure_codes", nullable = false)
    public String measureCodes;

    @Column(name = "action_date", nullable = false)
    public LocalDate actionDate;

    @Column(name = "lead_name", nullable = false)
    public String leadName;

    @Column(name = "lead_siren", nullable = false)
    public String leadSiren;

    @Column(name = "lead_siret")
    public String leadSiret;

    @Column(name = "epci_siren", nullable = false)
    public String epciSiren;

    @Column(name = "estimated_cost_cents", nullable = false)
    public long estimatedCostCents;

    /** JSON array [{operator, amountCents}]. */
    @Column(name = "requested_funding", nullable = false)
    public String requestedFunding = "[]";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ActionStatus status = ActionStatus.IDENTIFIED;

    @Column(name = "committed_cents", nullable = false)
    public long committedCents;

    @Column(name = "disbursed_cents", nullable = false)
    public long disbursedCents;

    @Column(name = "funding_event_at")
    public Instant fundingEventAt;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public List<String> measures() {
        return measureCodes.isBlank() ? List.of() : Arrays.asList(measureCodes.split(";"));
    }

    public static List<FicheAction> of(UUID contractId) {
        return list("contractId = ?1 order by createdAt, id", contractId);
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
