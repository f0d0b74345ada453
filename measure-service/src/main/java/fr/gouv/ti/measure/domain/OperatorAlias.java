package fr.gouv.ti.measure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An operator code of older sources that maps to a current one (POLE_EMPLOI → FRANCE_TRAVAIL). */
@Entity
@Table(name = "operator_alias")
public class OperatorAlias extends PanacheEntityBase {

    @Id
    public String alias;

    @Column(name = "operator_code", nullable = false)
    public String operatorCode;

    public String note;
}
