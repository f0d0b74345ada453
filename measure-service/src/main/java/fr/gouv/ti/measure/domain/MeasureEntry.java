package fr.gouv.ti.measure.domain;

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

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A measure as it stands in one catalogue version. Its code is stable across versions. */
@Entity
@Table(name = "measure_entry")
public class MeasureEntry extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id", nullable = false)
    public CatalogueVersion version;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String phase;

    @Column(name = "axis_code", nullable = false)
    public String axisCode;

    @Column(name = "title_fr", nullable = false)
    public String titleFr;

    @Column(name = "title_en")
    public String titleEn;

    public String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "measure_operator", joinColumns = @JoinColumn(name = "measure_id"))
    @OrderColumn(name = "position")
    @Column(name = "operator_code", nullable = false)
    public List<String> operators = new ArrayList<>();

    @Column(name = "envelope_cents")
    public Long envelopeCents;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** When the measure first appears in the sources, as precise as they are ("2018-11-22" or "2020"). */
    @Column(name = "first_seen")
    public String firstSeen;

    @Column(name = "source_url")
    public String sourceUrl;

    /** For a source with no URL (a printed article), the citation. */
    @Column(name = "source_citation")
    public String sourceCitation;

    @Column(nullable = false)
    public String wording;

    @Column(name = "wording_note")
    public String wordingNote;

    @Column(nullable = false)
    public String status = ACTIVE;

    @Column(name = "retired_on")
    public LocalDate retiredOn;

    @Column(name = "search_text", nullable = false)
    public String searchText;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static List<MeasureEntry> ofVersion(CatalogueVersion v) {
        return list("version = ?1 order by code", v);
    }

    public static Optional<MeasureEntry> inVersion(CatalogueVersion v, String code) {
        return find("version = ?1 and code = ?2", v, code).firstResultOptional();
    }

    /** Copy into another version (a new draft starts as a copy of the current version). */
    public MeasureEntry copyInto(CatalogueVersion target) {
        MeasureEntry m = new MeasureEntry();
        m.version = target;
        m.code = code;
        m.phase = phase;
        m.axisCode = axisCode;
        m.titleFr = titleFr;
        m.titleEn = titleEn;
        m.description = description;
        m.operators = new ArrayList<>(operators);
        m.envelopeCents = envelopeCents;
        m.validFrom = validFrom;
        m.validTo = validTo;
        m.firstSeen = firstSeen;
        m.sourceUrl = sourceUrl;
        m.sourceCitation = sourceCitation;
        m.wording = wording;
        m.wordingNote = wordingNote;
        m.status = status;
        m.retiredOn = retiredOn;
        m.searchText = searchText;
        // the entry's content last changed when its source entry's did: updatedSince then finds only real edits
        m.createdAt = createdAt;
        m.updatedAt = updatedAt;
        return m;
    }
}
