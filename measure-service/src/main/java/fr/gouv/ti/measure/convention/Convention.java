package fr.gouv.ti.measure.convention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A convention signed by the State and a national operator (the four conventions de mobilisation of March 2019):
 * when, where, by whom, and what the operator committed. Every field the sources do not give stays null.
 */
@Entity
@Table(name = "convention")
public class Convention extends PanacheEntityBase {

    @Id
    public String code;

    /** A descriptive label in the sources' words; the official title of the document was not found. */
    @Column(nullable = false)
    public String label;

    /** The operator the State signed with (the State itself is a party too, see {@link #parties}). */
    @Column(name = "operator_code", nullable = false)
    public String operatorCode;

    @Column(name = "signed_on")
    public LocalDate signedOn;

    @Column(name = "signed_on_source")
    public String signedOnSource;

    public String place;

    public String occasion;

    @Column(name = "occasion_source")
    public String occasionSource;

    @Column(name = "document_reference")
    public String documentReference;

    @Column(name = "duration_years")
    public Integer durationYears;

    @Column(name = "duration_source")
    public String durationSource;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(name = "source_citation")
    public String sourceCitation;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @OneToMany(mappedBy = "convention", fetch = FetchType.LAZY)
    @OrderBy("position")
    public List<ConventionParty> parties = new ArrayList<>();

    @OneToMany(mappedBy = "convention", fetch = FetchType.LAZY)
    @OrderBy("position")
    public List<ConventionCommitment> commitments = new ArrayList<>();
}
