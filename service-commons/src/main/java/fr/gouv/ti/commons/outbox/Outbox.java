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
        requireTransaction();
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not serialisable: " + event.type(), e);
        }
        // the pooled connection is enlisted in the JTA transaction: same transaction as the entities
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into outbox_event (id, topic, type, aggregate_type, aggregate_id, subject, payload,
                                               correlation_id, traceparent)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, event.topic());
            ps.setString(3, event.type());
            ps.setString(4, event.aggregateType());
            ps.setString(5, event.aggregateId());
            ps.setString(6, event.subject());
            ps.setString(7, payload);
            ps.setString(8, Correlation.current());
            ps.setString(9, Correlation.traceparent());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
        return id;
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
