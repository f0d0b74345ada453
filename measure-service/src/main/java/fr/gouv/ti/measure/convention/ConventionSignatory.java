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
import jakarta.persistence.Table;

/** A person who signed a convention for a party, as a source names them. */
@Entity
@Table(name = "convention_signatory")
public class ConventionSignatory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "party_id", nullable = false)
    public ConventionParty party;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    public String title;

    @Column(name = "source_url", nullable = false)
    public String sourceUrl;
}
