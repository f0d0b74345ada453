package fr.gouv.ti.contract.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import fr.gouv.ti.contract.domain.CatalogueProjection;
import fr.gouv.ti.contract.domain.MeasureProjection;
import fr.gouv.ti.contract.domain.PerimeterMember;
import fr.gouv.ti.contract.domain.TerritoryProjection;
import fr.gouv.ti.contract.domain.Regions;
import fr.gouv.ti.contract.domain.Contract;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the local copies of other services' state up to date (the funding totals of fiches-actions:
 * {@link ActionFundingProjection}). Called by the consumers inside the
 * {@link fr.gouv.ti.commons.events.EventInbox} transaction; every handler is an upsert of a snapshot, so a
 * redelivered or replayed event changes nothing.
 */
@ApplicationScoped
public class ProjectionUpdater {

    private static final Logger LOG = Logger.getLogger(ProjectionUpdater.class);

    private final ObjectMapper json;
    private final Clock clock;

    public ProjectionUpdater(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ territories (ti.territory.v1)

    public void onTerritoryEvent(IncomingEvent event) {
        switch (event.name()) {
            case "territory.labelled", "territory.updated", "territory.perimeter-changed", "territory.delabelled" ->
                    territorySnapshot(event, event.jsonObject(json));
            default -> LOG.debugf("ignoring event type %s", event.type());
        }
    }

    private void territorySnapshot(IncomingEvent event, JsonNode p) {
        String phase = text(p, "phase");
        String tiId = text(p, "tiId");
        if (phase == null || tiId == null || text(p, "regionCode") == null) {
            throw new PoisonEventException("territory event " + event.id() + " lacks phase, tiId or regionCode");
        }
        String key = TerritoryProjection.key(phase, tiId);
        TerritoryProjection t = TerritoryProjection.<TerritoryProjection>findByIdOptional(key).orElseGet(() -> {
            TerritoryProjection n = new TerritoryProjection();
            n.key = key;
            n.phase = phase;
            n.tiId = tiId;
            return n;
        });
        t.name = text(p, "name") != null ? text(p, "name") : (t.name != null ? t.name : tiId);
        t.regionCode = text(p, "regionCode");
        if (p.has("regionCodes") && p.get("regionCodes").isArray()) {
            t.regionCodes = Regions.stored(t.regionCode, strings(p.get("regionCodes")));
        } else {
            t.regionCodes = t.regionCode;
        }
        // both regions of a territory that straddles two read and co-sign its contracts: keep them in step
        Contract.update("regionCodes = ?1 where phase = ?2 and tiId = ?3", t.regionCodes, phase, tiId);
        if (p.has("departmentCodes") && p.get("departmentCodes").isArray()) {
            t.departmentCodes = String.join(";", strings(p.get("departmentCodes")));
        }
        String status = text(p, "status");
        t.status = status != null ? status
                : "territory.delabelled".equals(event.name()) ? "DELABELLED" : (t.status != null ? t.status : "LABELLED");
        if (p.has("labelledOn")) {
            t.labelledOn = date(p, "labelledOn", event);
        }
        if (p.has("pilots") && p.get("pilots").isArray()) {
            t.pilots = p.get("pilots").toString();
        }
        t.sourceEventId = event.id();
        t.updatedAt = Instant.now();
        t.persist();
        // a snapshot without a perimeter (an older producer) leaves the known perimeter alone
        if (p.has("perimeter") && p.get("perimeter").isArray()) {
            PerimeterMember.delete("territoryKey", key);
            for (JsonNode m : p.get("perimeter")) {
                String siren = text(m, "siren");
                if (siren == null) {
                    throw new PoisonEventException("perimeter member without siren in event " + event.id());
                }
                PerimeterMember member = new PerimeterMember();
                member.territoryKey = key;
                member.siren = siren;
                member.name = text(m, "name");
                member.nature = text(m, "nature");
                member.validFrom = date(m, "validFrom", event);
                member.validTo = date(m, "validTo", event);
                member.persist();
            }
        }
    }

    // ------------------------------------------------------------------ catalogue (ti.measure.v1)

    public void onMeasureEvent(IncomingEvent event) {
        switch (event.name()) {
            case "catalogue.published" -> cataloguePublished(event, event.jsonObject(json));
            case "measure.retired" -> measureRetired(event, event.jsonObject(json));
            case "reference.published" -> referencePublished(event, event.jsonObject(json));
            default -> LOG.debugf("ignoring event type %s", event.type());
        }
    }

    /**
     * A snapshot of measure-service's reference data replaces the operator and axis codes held, unless one of the
     * same or a higher version is already held (a redelivery, or an older snapshot arriving late).
     */
    private void referencePublished(IncomingEvent event, JsonNode p) {
        if (!p.path("version").canConvertToInt() || !p.path("operators").isArray() || !p.path("axes").isArray()) {
            throw new PoisonEventException("reference event " + event.id() + " lacks version, operators or axes");
        }
        int version = p.get("version").asInt();
        var em = Contract.getEntityManager();
        int updated = em.createNativeQuery("""
                        insert into reference_version as r (id, version) values (1, ?1)
                        on conflict (id) do update set version = excluded.version, updated_at = now()
                        where r.version < excluded.version""")
                .setParameter(1, version).executeUpdate();
        if (updated == 0) {
            LOG.infof("ignoring reference snapshot %d: a later one is already held", version);
            return;
        }
        em.createNativeQuery("delete from reference_code").executeUpdate();
        for (JsonNode o : p.get("operators")) {
            String code = text(o, "code");
            if (code == null) {
                throw new PoisonEventException("operator without code in reference event " + event.id());
            }
            referenceCode(Codes.OPERATOR, code, code, null, null, text(o, "officialName"));
            for (JsonNode alias : o.path("aliases")) {
                referenceCode(Codes.OPERATOR, alias.asText(), code, null, null, null);
            }
        }
        for (JsonNode a : p.get("axes")) {
            String code = text(a, "code");
            if (code == null || text(a, "phase") == null) {
                throw new PoisonEventException("axis without code or phase in reference event " + event.id());
            }
            referenceCode(Codes.AXIS, code, code, text(a, "phase"), a.path("position").asInt(0), text(a, "label"));
        }
    }

    /** One row of reference_code; null values are left out of the statement (their columns stay null). */
    private static void referenceCode(String kind, String code, String canonical, String phase, Integer position,
                                      String name) {
        List<String> columns = new ArrayList<>(List.of("kind", "code", "canonical"));
        List<Object> values = new ArrayList<>(List.of(kind, code, canonical));
        if (phase != null) {
            columns.add("phase");
            values.add(phase);
        }
        if (position != null) {
            columns.add("position");
            values.add(position);
        }
        if (name != null) {
            columns.add("name");
            values.add(name);
        }
        StringBuilder marks = new StringBuilder();
        for (int i = 1; i <= values.size(); i++) {
            marks.append(i > 1 ? ", " : "").append('?').append(i);
        }
        var q = Contract.getEntityManager().createNativeQuery("insert into reference_code (" + String.join(", ", columns)
                + ") values (" + marks + ") on conflict do nothing");
        for (int i = 0; i < values.size(); i++) {
            q.setParameter(i + 1, values.get(i));
        }
        q.executeUpdate();
    }

    private void cataloguePublished(IncomingEvent event, JsonNode p) {
        if (!p.path("version").canConvertToInt() || !p.path("measures").isArray()) {
            throw new PoisonEventException("catalogue event " + event.id() + " lacks version or measures");
        }
        int version = p.get("version").asInt();
        java.util.Optional<CatalogueProjection> known = CatalogueProjection.current();
        if (known.isPresent() && known.get().version > version) {
            LOG.infof("ignoring catalogue version %d: version %d already known", version, known.get().version);
            return;
        }
        CatalogueProjection catalogue = known.orElseGet(CatalogueProjection::new);
        catalogue.version = version;
        catalogue.effectiveDate = date(p, "effectiveDate", event);
        catalogue.label = text(p, "label");
        catalogue.updatedAt = Instant.now();
        catalogue.persist();

        Set<String> codes = new HashSet<>();
        for (JsonNode m : p.get("measures")) {
            String code = text(m, "code");
            if (code == null) {
                throw new PoisonEventException("measure without code in catalogue event " + event.id());
            }
            codes.add(code);
            MeasureProjection measure = MeasureProjection.<MeasureProjection>findByIdOptional(code).orElseGet(() -> {
                MeasureProjection n = new MeasureProjection();
                n.code = code;
                return n;
            });
            if (measure.catalogueVersion > version) {
                continue; // a later retirement (measure.retired of a newer version) already arrived
            }
            measure.title = text(m, "title");
            measure.axis = text(m, "axis");
            measure.phase = text(m, "phase");
            measure.operators = m.path("operators").isArray() ? String.join(";", strings(m.get("operators"))) : "";
            measure.status = text(m, "status") != null ? text(m, "status") : "ACTIVE";
            measure.validFrom = date(m, "validFrom", event);
            measure.validTo = date(m, "validTo", event);
            if (!"RETIRED".equals(measure.status)) {
                measure.retiredOn = null;
            } else if (m.hasNonNull("retiredOn")) {
                measure.retiredOn = date(m, "retiredOn", event);
            } // else: RETIRED without a date keeps the date of an earlier measure.retired, if any
            measure.catalogueVersion = version;
            measure.updatedAt = Instant.now();
            measure.persist();
        }
        // the catalogue is a snapshot: a code it no longer lists is unknown from now on
        List<MeasureProjection> gone = new ArrayList<>();
        MeasureProjection.<MeasureProjection>listAll().forEach(m -> {
            if (!codes.contains(m.code) && m.catalogueVersion <= version) {
                gone.add(m);
            }
        });
        gone.forEach(m -> m.delete());
    }

    private void measureRetired(IncomingEvent event, JsonNode p) {
        String code = text(p, "code") != null ? text(p, "code") : event.key();
        if (code == null) {
            throw new PoisonEventException("measure.retired event " + event.id() + " names no measure");
        }
        LocalDate retiredOn = date(p, "retiredOn", event);
        MeasureProjection measure = MeasureProjection.<MeasureProjection>findByIdOptional(code).orElseGet(() -> {
            MeasureProjection n = new MeasureProjection();
            n.code = code;
            return n;
        });
        measure.status = "RETIRED";
        measure.retiredOn = retiredOn != null ? retiredOn : LocalDate.now(clock);
        if (p.path("version").canConvertToInt()) {
            measure.catalogueVersion = Math.max(measure.catalogueVersion, p.get("version").asInt());
        }
        measure.updatedAt = Instant.now();
        measure.persist();
    }

    // ------------------------------------------------------------------ helpers

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static LocalDate date(JsonNode node, String field, IncomingEvent event) {
        String v = text(node, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("event " + event.id() + ": " + field + " is not a date: " + v, e);
        }
    }
}
