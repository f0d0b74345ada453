package fr.gouv.ti.contract.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One step of a contract's life, with its date, document and signatories. Never updated once written. */
@Entity
@Table(name = "contract_transition")
public class ContractTransition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "contract_id", nullable = false)
    public UUID contractId;

    @Column(nullable = false)
    public int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TransitionKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", nullable = false)
    public ContractState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false)
    public ContractState toState;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "document_reference", nullable = false)
    public String documentReference;

    @Column(name = "amendment_number")
    public Integer amendmentNumber;

    /** JSON of the amendment's changes. */
    public String changes;

    @Column(name = "period_end_before", nullable = false)
    public LocalDate periodEndBefore;

    @Column(name = "period_end_after", nullable = false)
    public LocalDate periodEndAfter;

    /** JSON array of signatories. */
    @Column(nullable = false)
    public String signatories = "[]";

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt = Instant.now();

    public static List<ContractTransition> of(UUID contractId) {
        return list("contractId = ?1 order by seq", contractId);
    }
}
