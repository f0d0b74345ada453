package fr.gouv.ti.contract.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.events.IncomingEvent;
import fr.gouv.ti.commons.events.PoisonEventException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Shows on each fiche-action the money funding-service reports for it (ti.funding.v1). Called by the inbox with a
 * whole poll, inside its transaction. Each event carries the action's totals after its transaction (a snapshot), so
 * only the last one per fiche-action matters: the poll is folded in record order (an action's events share their
 * territory's Kafka key, so a partition, so they arrive in order) and every fiche-action concerned is updated once, all in one
 * statement.
 */
@ApplicationScoped
public class ActionFundingProjection {

    private static final Logger LOG = Logger.getLogger(ActionFundingProjection.class);

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;

    public ActionFundingProjection(ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
    }

    /** New events only, in record order. */
    public void apply(List<IncomingEvent> events) {
        Map<UUID, Totals> last = new LinkedHashMap<>();
        for (IncomingEvent event : events) {
            Totals totals = totals(event);
            if (totals != null) {
                last.remove(totals.action); // re-inserted: the map then lists actions by their last event
                last.put(totals.action, totals);
            }
        }
        if (!last.isEmpty()) {
            Set<UUID> updated = write(List.copyOf(last.values()));
            last.values().stream().filter(t -> !updated.contains(t.action)).forEach(t ->
                    LOG.warnf("funding event %s names unknown action %s; ignored", t.eventId, t.action));
        }
    }

    /** The totals an event reports for a fiche-action, or null when it reports none of ours. */
    private Totals totals(IncomingEvent event) {
        if (!event.name().startsWith("funding.")) {
            LOG.debugf("ignoring event type %s", event.type());
            return null;
        }
        JsonNode p = event.jsonObject(json);
        JsonNode actionId = p.get("actionId");
        JsonNode totals = p.path("actionTotals");
        if (actionId == null || actionId.isNull() || !totals.isObject()) {
            return null; // a territory-level movement: nothing to show on a fiche-action
        }
        UUID id;
        try {
            id = UUID.fromString(actionId.asText());
        } catch (IllegalArgumentException e) {
            LOG.warnf("funding event %s names action %s, which is not one of ours", event.id(), actionId.asText());
            return null;
        }
        if (!totals.path("committedCents").canConvertToLong() || !totals.path("disbursedCents").canConvertToLong()) {
            throw new PoisonEventException("funding event " + event.id() + " has malformed actionTotals");
        }
        return new Totals(id, totals.get("committedCents").asLong(), totals.get("disbursedCents").asLong(), event.id());
    }

    /**
     * Totals are "after the transaction": overwritten, with no version bump (not a change of the fiche itself).
     * Plain SQL in the inbox transaction: the entity would cost a read and a write per fiche-action.
     *
     * @return the fiche-actions found
     */
    private Set<UUID> write(List<Totals> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        Long[] committed = new Long[n];
        Long[] disbursed = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = rows.get(i).action;
            committed[i] = rows.get(i).committedCents;
            disbursed[i] = rows.get(i).disbursedCents;
        }
        Set<UUID> found = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     update action a
                     set committed_cents = v.committed, disbursed_cents = v.disbursed, funding_event_at = ?
                     from unnest(?::uuid[], ?::int8[], ?::int8[]) as v(id, committed, disbursed)
                     where a.id = v.id
                     returning a.id""")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("int8", committed));
            ps.setArray(4, c.createArrayOf("int8", disbursed));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply funding totals to " + n + " fiches-actions", e);
        }
        return found;
    }

    private record Totals(UUID action, long committedCents, long disbursedCents, String eventId) {
    }
}
