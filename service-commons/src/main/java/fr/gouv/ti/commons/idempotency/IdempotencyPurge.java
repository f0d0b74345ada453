package fr.gouv.ti.commons.idempotency;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.Statement;

/** Keys are kept 48 hours (operators are promised at least 24). */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    private final AgroalDataSource dataSource;

    public IdempotencyPurge(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from idempotency_record where created_at < now() - interval '48 hours'");
        } catch (Exception e) {
            LOG.warn("idempotency purge failed: " + e.getMessage());
        }
    }
}
