package fr.gouv.ti.measure.rest;

import fr.gouv.ti.measure.convention.ConventionCatalogue;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;
import fr.gouv.ti.measure.domain.Operator;
import fr.gouv.ti.measure.service.CatalogueService;
import fr.gouv.ti.measure.service.Etags;
import fr.gouv.ti.measure.service.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.time.Clock;

/** Turns entities into response records (axis labels and operator names resolved in one read each). */
@ApplicationScoped
class Views {

    private final ReferenceData reference;
    private final CatalogueService catalogue;
    private final Clock clock;
    private final ConventionCatalogue conventions;

    Views(ReferenceData reference, CatalogueService catalogue, Clock clock, ConventionCatalogue conventions) {
        this.reference = reference;
        this.catalogue = catalogue;
        this.clock = clock;
        this.conventions = conventions;
    }

    List<MeasureView> measures(List<MeasureEntry> entries, int version, LocalDate namesOn) {
        Map<String, String> axes = reference.axes(null).stream().collect(Collectors.toMap(a -> a.code, a -> a.labelFr));
        Map<String, Operator> ops = reference.operators().stream()
                .collect(Collectors.toMap(o -> o.code, Function.identity()));
        LocalDate on = namesOn != null ? namesOn : LocalDate.now(clock);
        Map<String, List<String>> fromConventions = conventions.conventionsByMeasure();
        return entries.stream().map(m -> MeasureView.of(m, version, axes, ops, on, fromConventions.get(m.code))).toList();
    }

    MeasureView measure(MeasureEntry m, int version, LocalDate namesOn) {
        return measures(List.of(m), version, namesOn).get(0);
    }

    VersionView version(CatalogueVersion v) {
        return VersionView.of(v, catalogue.count(v, null), catalogue.count(v, MeasureEntry.ACTIVE),
                catalogue.isCurrent(v), Etags.of(v));
    }
}
