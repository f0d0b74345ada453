package fr.gouv.ti.territory.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Optional;

/** A Territoire d'industrie of one phase. ANCT renumbered ids between phases, so the key is (phase, tiId). */
@Entity
@Table(name = "territory")
public class Territory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String phase;

    @Column(name = "ti_id", nullable = false)
    public String tiId;

    @Column(nullable = false)
    public String name;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(nullable = false)
    public String status = "LABELLED";

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static Optional<Territory> findByKey(String phase, String tiId) {
        return find("phase = ?1 and tiId = ?2", phase, tiId).firstResultOptional();
    }
}
