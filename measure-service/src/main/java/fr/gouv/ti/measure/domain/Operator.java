package fr.gouv.ti.measure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A national operator of the programme (or the State), with a stable code and the names it had over time. */
@Entity
@Table(name = "operator")
public class Operator extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String source;

    /** SIRET of the head office, only where a source gives it (none does yet: null). */
    public String siret;

    @OneToMany(mappedBy = "operator", fetch = FetchType.EAGER)
    @OrderBy("validFrom asc nulls first")
    public List<OperatorName> names = new ArrayList<>();

    /** The name in force on the given date (the callers give today, in Europe/Paris, when none was asked). */
    public String nameOn(LocalDate d) {
        for (OperatorName n : names) {
            if ((n.validFrom == null || !d.isBefore(n.validFrom)) && (n.validTo == null || !d.isAfter(n.validTo))) {
                return n.name;
            }
        }
        return names.isEmpty() ? code : names.get(names.size() - 1).name;
    }

    public static List<Operator> ordered() {
        return list("order by code");
    }
}
