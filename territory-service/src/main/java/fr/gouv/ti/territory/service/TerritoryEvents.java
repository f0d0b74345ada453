package fr.gouv.ti.territory.service;

import fr.gouv.ti.commons.events.CloudEvent;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Member;
import fr.gouv.ti.territory.domain.Pilot;
import fr.gouv.ti.territory.domain.Territory;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The events territory-service publishes on {@value #TOPIC}, key {@code <phase>/<tiId>}. Every payload is the
 * whole territory (snapshot), so a consumer just upserts its projection.
 */
public final class TerritoryEvents {

    public static final String TOPIC = "ti.territory.v1";
    public static final String LABELLED = CloudEvent.type("territory.labelled", 1);
    public static final String UPDATED = CloudEvent.type("territory.updated", 1);
    public static final String PERIMETER_CHANGED = CloudEvent.type("territory.perimeter-changed", 1);
    public static final String DELABELLED = CloudEvent.type("territory.delabelled", 1);

    private TerritoryEvents() {
    }

    public record MemberPayload(String siren, String name, String officialName, String nature,
                                List<String> departmentCodes, LocalDate validFrom, LocalDate validTo) {
    }

    public record PilotPayload(String name, String role, String organisation) {
    }

    public record TerritoryPayload(String phase, String tiId, String name, String regionCode, List<String> regionCodes,
                                   List<String> departmentCodes, String status, LocalDate labelledOn,
                                   LocalDate delabelledOn, List<MemberPayload> perimeter, List<PilotPayload> pilots,
                                   long version) {
    }

    public static TerritoryPayload payload(Territory t, Map<String, Department> departments) {
        List<String> deps = t.departmentCodes();
        List<String> regions = deps.stream().map(departments::get).filter(Objects::nonNull)
                .map(Department::regionCode).distinct().sorted().toList();
        return new TerritoryPayload(t.phase(), t.tiId(), t.name(), t.regionCode(), regions, deps, t.status(),
                t.labelledOn(), t.delabelledOn(),
                t.members().stream().map(TerritoryEvents::member).toList(),
                t.pilots().stream().map(TerritoryEvents::pilot).toList(), t.version());
    }

    static MemberPayload member(Member m) {
        return new MemberPayload(m.siren(), m.name(), m.officialName(), m.nature(), m.departmentCodes(),
                m.validFrom(), m.validTo());
    }

    static PilotPayload pilot(Pilot p) {
        return new PilotPayload(p.name(), p.role(), p.organisation());
    }

    public static OutgoingEvent event(String type, Territory t, Map<String, Department> departments) {
        return new OutgoingEvent(TOPIC, type, "territory", t.key(), t.key(), payload(t, departments));
    }
}
