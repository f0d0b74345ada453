package fr.gouv.ti.territory.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import fr.gouv.ti.territory.domain.TerritorySummary;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Applies contract and funding events to the per-territory summary. Runs inside the inbox transaction, so the
 * event id and these changes commit together. Snapshots carry totals, so applying one means overwriting.
 * Funding events come a poll at a time and are folded by {@link FundingTotalsFold}; contract and action events one
 * at a time, here.
 */
@ApplicationScoped
public class TerritorySummaryProjection {

    private final ObjectMapper json;
    private final FundingTotalsFold funding;

    public TerritorySummaryProjection(ObjectMapper json, FundingTotalsFold funding) {
        this.json = json;
        this.funding = funding;
    }

    /** A poll of ti.funding.v1, new events only, in record order. */
    public void applyFunding(List<IncomingEvent> events) {
        funding.apply(events);
    }

    public void apply(IncomingEvent event) {
        String name = event.name();
        if (name.startsWith("funding.")) {
            funding.apply(List.of(event)); // one code path for the funding totals, whichever channel
            return;
        }
        if (!name.startsWith("contract.") && !name.startsWith("action.")) {
            return; // another producer's event type: not ours to interpret
        }
        JsonNode data = event.jsonObject(json);
        String phase = text(data, "phase");
        String tiId = text(data, "tiId");
        if (phase == null || tiId == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") names no territory");
        }
        // locked: the funding consumer updates the same row concurrently, and Hibernate writes every column back
        TerritorySummary s = TerritorySummary.findById(new TerritorySummary.Key(phase, tiId),
                LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            s = TerritorySummary.getOrCreate(phase, tiId);
        }
        if (name.startsWith("contract.")) {
            s.contractId = text(data, "contractId");
            s.contractState = text(data, "state");
            String effective = text(data, "effectiveDate");
            s.contractEffective = effective == null ? s.contractEffective : LocalDate.parse(effective);
            if (data.hasNonNull("actionCount")) {
                s.actionCount = data.get("actionCount").asInt();
            }
        } else {
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
