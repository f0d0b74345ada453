package fr.gouv.ti.territory.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a poll of funding events to the territory summaries with two statements, whatever its size. Each event
 * carries the territory's totals after its transaction (a snapshot), so of several events about one territory only
 * the last value of each total matters: they are folded in memory, in record order (one territory is one Kafka key,
 * so one partition, so its events arrive in order), and each row is then written once. A total missing from an
 * event keeps the value known before it, as when events were applied one by one.
 * <p>
 * Plain SQL rather than the entity: the contract consumer writes the same rows concurrently, and an update that only
 * sets the funding columns (and adds to {@code events_applied}) cannot undo its changes.
 */
@ApplicationScoped
public class FundingTotalsFold {

    private static final Logger LOG = Logger.getLogger(FundingTotalsFold.class);

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;

    public FundingTotalsFold(ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
    }

    /** Runs inside the inbox transaction (the connection is the transaction's). */
    public void apply(List<IncomingEvent> events) {
        Map<String, Territory> territories = new LinkedHashMap<>();
        for (IncomingEvent event : events) {
            if (!event.name().startsWith("funding.")) {
                LOG.debugf("ignoring event type %s on the funding channel", event.type());
                continue;
            }
            JsonNode data = event.jsonObject(json);
            String phase = text(data, "phase");
            String tiId = text(data, "tiId");
            if (phase == null || tiId == null) {
                throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") names no territory");
            }
            JsonNode totals = data.get("territoryTotals");
            if (totals == null || !totals.isObject()) {
                throw new PoisonEventException("funding event " + event.id() + " has no territoryTotals");
            }
            territories.computeIfAbsent(phase + "/" + tiId, k -> new Territory(phase, tiId)).add(event.id(), totals);
        }
        if (!territories.isEmpty()) {
            write(List.copyOf(territories.values()));
        }
    }

    private void write(List<Territory> rows) {
        int n = rows.size();
        String[] phases = new String[n];
        String[] tiIds = new String[n];
        Long[] allocated = new Long[n];
        Long[] committed = new Long[n];
        Long[] disbursed = new Long[n];
        Long[] applied = new Long[n];
        String[] lastEventIds = new String[n];
        for (int i = 0; i < n; i++) {
            Territory t = rows.get(i);
            phases[i] = t.phase;
            tiIds[i] = t.tiId;
            allocated[i] = t.allocated;
            committed[i] = t.committed;
            disbursed[i] = t.disbursed;
            applied[i] = t.events;
            lastEventIds[i] = t.lastEventId;
        }
        try (Connection c = dataSource.getConnection();
             // a territory seen for the first time gets its row first, so that the update below finds every row
             // (in its own statement: a later statement sees rows another transaction inserted meanwhile)
             PreparedStatement create = c.prepareStatement("""
                     insert into territory_summary (phase, ti_id)
                     select * from unnest(?::text[], ?::text[])
                     on conflict (phase, ti_id) do nothing""");
             PreparedStatement update = c.prepareStatement("""
                     update territory_summary s
                     set allocated_cents = coalesce(v.allocated, s.allocated_cents),
                         committed_cents = coalesce(v.committed, s.committed_cents),
                         disbursed_cents = coalesce(v.disbursed, s.disbursed_cents),
                         events_applied = s.events_applied + v.applied,
                         last_event_id = v.last_event_id,
                         updated_at = ?
                     from unnest(?::text[], ?::text[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::text[])
                          as v(phase, ti_id, allocated, committed, disbursed, applied, last_event_id)
                     where s.phase = v.phase and s.ti_id = v.ti_id""")) {
            create.setArray(1, c.createArrayOf("text", phases));
            create.setArray(2, c.createArrayOf("text", tiIds));
            create.executeUpdate();
            update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            update.setArray(2, c.createArrayOf("text", phases));
            update.setArray(3, c.createArrayOf("text", tiIds));
            update.setArray(4, c.createArrayOf("int8", allocated));
            update.setArray(5, c.createArrayOf("int8", committed));
            update.setArray(6, c.createArrayOf("int8", disbursed));
            update.setArray(7, c.createArrayOf("int8", applied));
            update.setArray(8, c.createArrayOf("text", lastEventIds));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply funding totals to " + n + " territories", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The folded effect of a poll's events on one territory; null totals are left as they are. */
    private static final class Territory {
        final String phase;
        final String tiId;
        Long allocated;
        Long committed;
        Long disbursed;
        long events;
        String lastEventId;

        Territory(String phase, String tiId) {
            this.phase = phase;
            this.tiId = tiId;
        }

        void add(String eventId, JsonNode totals) {
            allocated = cents(totals, "allocatedCents", allocated);
            committed = cents(totals, "committedCents", committed);
            disbursed = cents(totals, "disbursedCents", disbursed);
            events++;
            lastEventId = eventId;
        }

        private static Long cents(JsonNode totals, String field, Long known) {
            JsonNode v = totals.get(field);
            return v != null && v.isNumber() && v.canConvertToLong() ? Long.valueOf(v.asLong()) : known;
        }
    }
}
