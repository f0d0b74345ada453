package fr.gouv.ti.territory.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import fr.gouv.ti.territory.domain.TerritorySummary;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Applies contract and funding events to the per-territory summary. Runs inside the inbox transaction, so the
 * event id and these changes commit together. Snapshots carry totals, so applying one means overwriting.
 */
@ApplicationScoped
public class TerritorySummaryProjection {

    private final ObjectMapper json;

    public TerritorySummaryProjection(ObjectMapper json) {
        this.json = json;
    }

    public void apply(IncomingEvent event) {
        String name = event.name();
        if (!name.startsWith("contract.") && !name.startsWith("action.") && !name.startsWith("funding.")) {
            return; // another producer's event type: not ours to interpret
        }
        JsonNode data = event.jsonObject(json);
        String phase = text(data, "phase");
        String tiId = text(data, "tiId");
        if (phase == null || tiId == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") names no territory");
        }
        TerritorySummary s = TerritorySummary.getOrCreate(phase, tiId);
        if (name.startsWith("contract.")) {
            s.contractId = text(data, "contractId");
            s.contractState = text(data, "state");
            String effective = text(data, "effectiveDate");
            s.contractEffective = effective == null ? s.contractEffective : LocalDate.parse(effective);
            if (data.hasNonNull("actionCount")) {
                s.actionCount = data.get("actionCount").asInt();
            }
        } else if (name.startsWith("action.")) {
            String actionId = text(data, "actionId");
            if (actionId == null) {
                throw new PoisonEventException("event " + event.id() + " has no actionId");
            }
            Panache.getEntityManager().createNativeQuery("""
                    insert into territory_summary_action (action_id, phase, ti_id, status) values (?1, ?2, ?3, ?4)
                    on conflict (action_id) do update set status = excluded.status""")
                    .setParameter(1, actionId).setParameter(2, phase).setParameter(3, tiId)
                    .setParameter(4, text(data, "status")).executeUpdate();
            Number count = (Number) Panache.getEntityManager().createNativeQuery(
                            "select count(*) from territory_summary_action where phase = ?1 and ti_id = ?2")
                    .setParameter(1, phase).setParameter(2, tiId).getSingleResult();
            s.actionCount = count.intValue();
        } else {
            JsonNode totals = data.get("territoryTotals");
            if (totals == null || !totals.isObject()) {
                throw new PoisonEventException("funding event " + event.id() + " has no territoryTotals");
            }
            s.allocatedCents = totals.path("allocatedCents").asLong(s.allocatedCents);
            s.committedCents = totals.path("committedCents").asLong(s.committedCents);
            s.disbursedCents = totals.path("disbursedCents").asLong(s.disbursedCents);
        }
        s.eventsApplied++;
        s.lastEventId = event.id();
        s.updatedAt = Instant.now();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
