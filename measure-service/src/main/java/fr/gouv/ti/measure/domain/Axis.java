package fr.gouv.ti.measure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** An axis of the catalogue: an "enjeu" of 2019-2022 or a national priority of 2023-2027. Reference data. */
@Entity
@Table(name = "axis")
public class Axis extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String phase;

    @Column(name = "label_fr", nullable = false)
    public String labelFr;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String source;

    public static List<Axis> ordered() {
        return list("order by phase, position");
    }
}
