package fr.gouv.ti.contract.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The contract (protocole d'accord, then contrat) of one territory in one phase. */
@Entity
@Table(name = "contract")
public class Contract extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String phase;

    @Column(name = "ti_id", nullable = false)
    public String tiId;

    @Column(name = "territory_name", nullable = false)
    public String territoryName;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    /** The territory's regions, lead first, ';'-separated (kept from the territory's snapshots). */
    @Column(name = "region_codes", nullable = false)
    public String regionCodes = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContractState state = ContractState.PREPARATION;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @Column(name = "protocol_signed_on")
    public LocalDate protocolSignedOn;

    @Column(name = "contract_signed_on")
    public LocalDate contractSignedOn;

    @Column(name = "closed_on")
    public LocalDate closedOn;

    @Column(name = "abandoned_on")
    public LocalDate abandonedOn;

    @Column(name = "amendment_count", nullable = false)
    public int amendmentCount;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<Contract> findForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(Contract.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public static Optional<Contract> findOpen(String phase, String tiId) {
        return find("phase = ?1 and tiId = ?2 and state <> ?3", phase, tiId, ContractState.ABANDONED)
                .firstResultOptional();
    }

    /** Date of the latest transition (the next one may not be earlier). */
    public LocalDate lastEffectiveDate() {
        return ContractTransition.find("contractId = ?1 order by seq desc", id)
                .<ContractTransition>firstResultOptional().map(t -> t.effectiveDate).orElse(null);
    }

    public String etag() {
        return "\"" + version + "\"";
    }

    public long actionCount() {
        return FicheAction.count("contractId", id);
    }

    /** The lead region, which opens the contract, then any other region the territory's perimeter reaches. */
    public List<String> regions() {
        return Regions.of(regionCode, regionCodes);
    }
}
