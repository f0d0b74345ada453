package fr.gouv.ti.measure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A numbered version of the catalogue. A DRAFT is editable (its {@link #revision} is the ETag); publishing freezes it
 * with an effective date and makes it current. A PUBLISHED version never changes (a database trigger enforces it).
 */
@Entity
@Table(name = "catalogue_version")
public class CatalogueVersion extends PanacheEntityBase {

    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String status = DRAFT;

    @Column(nullable = false)
    public String label;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    @Column(name = "based_on")
    public Integer basedOn;

    /** The number of measures official sources state for this version (17 for the 2018 basket), when one is stated. */
    @Column(name = "official_count")
    public Integer officialCount;

    @Column(name = "official_count_source")
    public String officialCountSource;

    @Column(name = "official_count_note")
    public String officialCountNote;

    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "published_at")
    public Instant publishedAt;

    public boolean isDraft() {
        return DRAFT.equals(status);
    }

    public static Optional<CatalogueVersion> findByNumber(int number) {
        return find("number", number).firstResultOptional();
    }

    public static Optional<CatalogueVersion> findByNumberForUpdate(int number) {
        return find("number", number).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<CatalogueVersion> draft() {
        return find("status", DRAFT).firstResultOptional();
    }

    /** The latest published version (latest effective date, then highest number), even if not yet in force. */
    public static Optional<CatalogueVersion> latest() {
        return find("status = ?1 order by effectiveDate desc, number desc", PUBLISHED).firstResultOptional();
    }

    /** The current version: the one in force today (the day of the programme's clock, Europe/Paris). */
    public static Optional<CatalogueVersion> current(LocalDate today) {
        return asOf(today);
    }

    /** The version in force on a date: the latest published version whose effective date is on or before it. */
    public static Optional<CatalogueVersion> asOf(LocalDate date) {
        return find("status = ?1 and effectiveDate <= ?2 order by effectiveDate desc, number desc", PUBLISHED, date)
                .firstResultOptional();
    }

    public static List<CatalogueVersion> published() {
        return list("status = ?1 order by number", PUBLISHED);
    }

    public static int nextNumber() {
        Integer max = getEntityManager().createQuery("select max(v.number) from CatalogueVersion v", Integer.class)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
