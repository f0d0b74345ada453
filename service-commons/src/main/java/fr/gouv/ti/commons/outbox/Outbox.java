package fr.gouv.ti.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.correlation.Correlation;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction: an event exists if and only if the state change
 * that caused it committed. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource dataSource;
    private final TransactionManager transactions;
    private final ObjectMapper json;

    public Outbox(AgroalDataSource dataSource, TransactionManager transactions, ObjectMapper json) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.json = json;
    }

    /** Returns the event id (CloudEvents {@code id}). Must run inside a transaction. */
    public UUID append(OutgoingEvent event) {
        return appendAll(List.of(new Traced(event, Correlation.current(), Correlation.traceparent()))).get(0);
    }

    /** An event with the correlation id and trace context of the request that caused it. */
    public record Traced(OutgoingEvent event, String correlationId, String traceparent) {
    }

    /**
     * Appends several events in one statement, in list order (their relay order), each with its own request's
     * correlation id: a batch writer posts the writes of many requests in one transaction. Must run inside it.
     * Returns the event ids (CloudEvents {@code id}), in list order.
     */
    public List<UUID> appendAll(List<Traced> events) {
        requireTransaction();
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        String[][] cols = new String[9][n];
        List<UUID> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            OutgoingEvent e = events.get(i).event();
            ids.add(UUID.randomUUID());
            cols[0][i] = ids.get(i).toString();
            cols[1][i] = e.topic();
            cols[2][i] = e.type();
            cols[3][i] = e.aggregateType();
            cols[4][i] = e.aggregateId();
            cols[5][i] = e.subject();
            try {
                cols[6][i] = json.writeValueAsString(e.payload());
            } catch (JsonProcessingException x) {
                throw new IllegalStateException("event payload not serialisable: " + e.type(), x);
            }
            cols[7][i] = events.get(i).correlationId();
            cols[8][i] = events.get(i).traceparent();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into outbox_event (id, topic, type, aggregate_type, aggregate_id, subject, payload,
                                               correlation_id, traceparent)
                     select id::uuid, topic, type, aggregate_type, aggregate_id, subject, payload, correlation_id,
                            traceparent
                     from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[])
                          with ordinality as e(id, topic, type, aggregate_type, aggregate_id, subject, payload,
                                               correlation_id, traceparent, ord)
                     order by ord""")) {
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
        return ids;
    }

    private void requireTransaction() {
        try {
            if (transactions.getStatus() != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("Outbox.append must run inside an active transaction");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
