package fr.gouv.ti.measure.convention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * What an operator committed in a convention: money (with its amount in euro cents where a source states one) or a
 * service; always with its source; with the measures of the catalogue that come from it.
 */
@Entity
@Table(name = "convention_commitment")
public class ConventionCommitment extends PanacheEntityBase {

    public static final String MONEY = "MONEY";
    public static final String SERVICE = "SERVICE";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "convention_code", nullable = false)
    public Convention convention;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String description;

    @Column(name = "amount_cents")
    public Long amountCents;

    /** PER_YEAR or TOTAL, with an amount only. */
    @Column(name = "amount_basis")
    public String amountBasis;

    public String period;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(name = "source_citation")
    public String sourceCitation;

    public String note;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "convention_commitment_measure", joinColumns = @JoinColumn(name = "commitment_id"))
    @OrderColumn(name = "position")
    @Column(name = "measure_code", nullable = false)
    public List<String> measureCodes = new ArrayList<>();
}
