package fr.gouv.ti.measure.service;

import fr.gouv.ti.commons.events.CloudEvent;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;

import java.time.LocalDate;
import java.util.List;

/** The events measure-service publishes on {@value #TOPIC} (documented in asyncapi.yaml). */
public final class MeasureEvents {

    public static final String TOPIC = "ti.measure.v1";
    public static final String CATALOGUE_PUBLISHED = CloudEvent.type("catalogue.published", 1);
    public static final String MEASURE_RETIRED = CloudEvent.type("measure.retired", 1);
    public static final String REFERENCE_PUBLISHED = CloudEvent.type("reference.published", 1);
    /** Kafka key of catalogue events: one aggregate, so versions stay in order on one partition. */
    public static final String CATALOGUE_KEY = "catalogue";

    private MeasureEvents() {
    }

    public record MeasurePayload(String code, String title, String titleEn, String axis, String phase,
                                 List<String> operators, String status, LocalDate validFrom, LocalDate validTo,
                                 Long envelopeCents, LocalDate retiredOn, String sourceUrl, String sourceCitation,
                                 String wording) {
        static MeasurePayload of(MeasureEntry m) {
            return new MeasurePayload(m.code, m.titleFr, m.titleEn, m.axisCode, m.phase, List.copyOf(m.operators),
                    m.status, m.validFrom, m.validTo, m.envelopeCents, m.retiredOn, m.sourceUrl, m.sourceCitation,
                    m.wording);
        }
    }

    public record CataloguePublished(int version, LocalDate effectiveDate, String label, Integer officialCount,
                                     String officialCountSource, int knownCount, List<MeasurePayload> measures) {
    }

    public record MeasureRetired(String code, LocalDate retiredOn, int version) {
    }

    /** A snapshot of the reference data: every operator, alias, axis and funding source (a consumer replaces its copy). */
    public record ReferencePublished(int version, List<OperatorPayload> operators, List<AxisPayload> axes,
                                     List<FundingSourcePayload> fundingSources) {
    }

    public record OperatorPayload(String code, String officialName, String kind, List<NamePayload> names,
                                  List<String> aliases, String siret, String sourceUrl) {
    }

    public record NamePayload(String name, LocalDate validFrom, LocalDate validTo, String source) {
    }

    public record AxisPayload(String code, String phase, String label, int position, String sourceUrl) {
    }

    public record FundingSourcePayload(String code, String name, String operator, String sourceUrl) {
    }

    /**
     * Keyed like the catalogue: on one partition with the catalogue versions, so a consumer has the operators and
     * axes before the first catalogue that names them.
     */
    public static OutgoingEvent referencePublished(ReferencePublished snapshot) {
        return new OutgoingEvent(TOPIC, REFERENCE_PUBLISHED, "reference", CATALOGUE_KEY,
                "reference/" + snapshot.version(), snapshot);
    }

    public static OutgoingEvent published(CatalogueVersion v, List<MeasureEntry> entries) {
        return new OutgoingEvent(TOPIC, CATALOGUE_PUBLISHED, "catalogue", CATALOGUE_KEY, "catalogue/" + v.number,
                new CataloguePublished(v.number, v.effectiveDate, v.label, v.officialCount, v.officialCountSource,
                        entries.size(), entries.stream().map(MeasurePayload::of).toList()));
    }

    public static OutgoingEvent retired(CatalogueVersion v, MeasureEntry m) {
        return new OutgoingEvent(TOPIC, MEASURE_RETIRED, "measure", m.code, m.code,
                new MeasureRetired(m.code, m.retiredOn, v.number));
    }
}
