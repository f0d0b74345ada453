package fr.gouv.ti.contract.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A measure of the catalogue, as published by measure-service. */
@Entity
@Table(name = "measure_projection")
public class MeasureProjection extends PanacheEntityBase {

    @Id
    public String code;

    public String title;

    public String axis;

    public String phase;

    @Column(nullable = false)
    public String operators = "";

    @Column(nullable = false)
    public String status;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(name = "retired_on")
    public LocalDate retiredOn;

    @Column(name = "catalogue_version", nullable = false)
    public int catalogueVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    /**
     * Why this measure cannot be used on the given date, or null when it can: a retired measure is unusable from its
     * retirement date (or, when no date was given, altogether); outside its validity period it is unusable too.
     */
    public String unusableOn(LocalDate date) {
        if (retiredOn != null && !retiredOn.isAfter(date)) {
            return "measure " + code + " was retired on " + retiredOn;
        }
        if (validFrom != null && validFrom.isAfter(date)) {
            return "measure " + code + " is valid only from " + validFrom;
        }
        if (validTo != null && validTo.isBefore(date)) {
            return "measure " + code + " was valid only until " + validTo;
        }
        if ("RETIRED".equals(status) && retiredOn == null && validTo == null) {
            return "measure " + code + " is retired in catalogue version " + catalogueVersion;
        }
        return null;
    }
}
