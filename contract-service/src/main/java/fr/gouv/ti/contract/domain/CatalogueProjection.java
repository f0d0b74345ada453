package fr.gouv.ti.contract.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** The version of the measure catalogue last received from measure-service (a single row). */
@Entity
@Table(name = "catalogue_projection")
public class CatalogueProjection extends PanacheEntityBase {

    public static final int SINGLETON = 1;

    @Id
    public Integer id = SINGLETON;

    @Column(nullable = false)
    public int version;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    public String label;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<CatalogueProjection> current() {
        return findByIdOptional(SINGLETON);
    }
}
