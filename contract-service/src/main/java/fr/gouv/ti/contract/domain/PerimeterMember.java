package fr.gouv.ti.contract.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** One groupement (EPCI, EPT or commune) of a territory's perimeter over a period (validTo null: still a member). */
@Entity
@Table(name = "territory_perimeter_projection")
public class PerimeterMember extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "territory_key", nullable = false)
    public String territoryKey;

    @Column(nullable = false)
    public String siren;

    public String name;

    public String nature;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    public boolean isMemberOn(LocalDate date) {
        return (validFrom == null || !validFrom.isAfter(date)) && (validTo == null || !validTo.isBefore(date));
    }
}
