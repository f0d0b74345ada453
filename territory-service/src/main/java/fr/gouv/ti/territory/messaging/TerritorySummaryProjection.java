package fr.gouv.ti.territory.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import fr.gouv.ti.territory.domain.TerritorySummaryRepository;
import jakarta.enterprise.context.ApplicationScoped;

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
    private final TerritorySummaryRepository summaries;

    public TerritorySummaryProjection(ObjectMapper json, FundingTotalsFold funding, TerritorySummaryRepository summaries) {
        this.json = json;
        this.funding = funding;
        this.summaries = summaries;
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
        if (name.startsWith("contract.")) {
            String effective = text(data, "effectiveDate");
            summaries.applyContract(phase, tiId, text(data, "contractId"), text(data, "state"),
                    effective == null ? null : LocalDate.parse(effective),
                    data.hasNonNull("actionCount") ? data.get("actionCount").asInt() : null, event.id());
        } else {
            String actionId = text(data, "actionId");
            if (actionId == null) {
                throw new PoisonEventException("event " + event.id() + " has no actionId");
            }
            summaries.applyAction(phase, tiId, actionId, text(data, "status"), event.id());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
