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
