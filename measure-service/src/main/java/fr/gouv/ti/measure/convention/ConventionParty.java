package fr.gouv.ti.measure.convention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** A party to a convention: the State (operator code ETAT) or the national operator, with who signed where known. */
@Entity
@Table(name = "convention_party")
public class ConventionParty extends PanacheEntityBase {

    public static final String STATE = "STATE";
    public static final String OPERATOR = "OPERATOR";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "convention_code", nullable = false)
    public Convention convention;

    @Column(nullable = false)
    public int position;

    @Column(name = "operator_code", nullable = false)
    public String operatorCode;

    @Column(nullable = false)
    public String role;

    @Column(name = "source_url", nullable = false)
    public String sourceUrl;

    @OneToMany(mappedBy = "party", fetch = FetchType.LAZY)
    @OrderBy("position")
    public List<ConventionSignatory> signatories = new ArrayList<>();
}
