package fr.gouv.ti.measure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** A funding source of the programme (PIC, PIA, Banque des Territoires): a source line of the ledger. Reference data. */
@Entity
@Table(name = "funding_source")
public class FundingSource extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int position;

    /** The operator that brings this money, when the source is an operator's own funds (Banque des Territoires). */
    @Column(name = "operator_code")
    public String operatorCode;

    @Column(nullable = false)
    public String source;

    public static List<FundingSource> ordered() {
        return list("order by position");
    }
}
