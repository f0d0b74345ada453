package fr.gouv.ti.measure.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** One name of an operator over a period (Pôle emploi until 2023-12-31, France Travail since 2024-01-01). */
@Entity
@Table(name = "operator_name")
public class OperatorName extends PanacheEntityBase {

    @Id
    public Long id;

    @ManyToOne
    @JoinColumn(name = "operator_code", nullable = false)
    public Operator operator;

    @Column(nullable = false)
    public String name;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    public String source;
}
