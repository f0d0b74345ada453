package fr.gouv.ti.contract.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What contract-service knows of a territory, from the last snapshot published by territory-service. */
@Entity
@Table(name = "territory_projection")
public class TerritoryProjection extends PanacheEntityBase {

    @Id
    @Column(name = "territory_key")
    public String key;

    @Column(nullable = false)
    public String phase;

    @Column(name = "ti_id", nullable = false)
    public String tiId;

    @Column(nullable = false)
    public String name;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    /** Every region the perimeter reaches, lead region first, ';'-separated. */
    @Column(name = "region_codes", nullable = false)
    public String regionCodes = "";

    @Column(name = "department_codes", nullable = false)
    public String departmentCodes = "";

    @Column(nullable = false)
    public String status;

    @Column(name = "labelled_on")
    public LocalDate labelledOn;

    @Column(nullable = false)
    public String pilots = "[]";

    @Column(name = "source_event_id")
    public String sourceEventId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    public static String key(String phase, String tiId) {
        return phase + "/" + tiId;
    }

    public static Optional<TerritoryProjection> find(String phase, String tiId) {
        return findByIdOptional(key(phase, tiId));
    }

    public List<String> departments() {
        return departmentCodes.isBlank() ? List.of() : Arrays.asList(departmentCodes.split(";"));
    }

    /** The lead region, then the others its perimeter reaches (two for a territory that straddles regions). */
    public List<String> regions() {
        return Regions.of(regionCode, regionCodes);
    }

    public boolean isLabelled() {
        return "LABELLED".equals(status);
    }

    /** Members of the perimeter (EPCIs or communes) on the given date. */
    public List<PerimeterMember> perimeterOn(LocalDate date) {
        return PerimeterMember.<PerimeterMember>list("territoryKey", key).stream()
                .filter(m -> m.isMemberOn(date)).toList();
    }
}
