package fr.gouv.ti.funding.domain;

import fr.gouv.ti.commons.correlation.Correlation;

import fr.gouv.ti.commons.problem.ProblemException;
import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC on the transaction-enlisted connection, shared by the ledger's repositories: the locking statements are
 * the point of this service, so they are written out rather than left to an ORM.
 */
abstract class Jdbc {

    private final AgroalDataSource ds;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Jdbc.class);

    Jdbc(AgroalDataSource ds) {
        this.ds = ds;
    }

    @FunctionalInterface
    public interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs SQL; database refusals that stem from concurrency or invariants become 409s, never 500s. */
    public <T> T sql(Sql<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        switch (state) {
            case "40P01", "40001", "55P03":
                return ProblemException.conflict("concurrent-update", "Concurrent update",
                        "Another transaction touched the same accounts at the same time; retry the request "
                                + "with the same Idempotency-Key.").withHeader("Retry-After", "1");
            // the database's message names constraints, tables and columns: it goes to the log, never to the client
            case "23514":
                LOG.infof("ledger invariant refused a movement [%s]: %s", Correlation.current(), firstLine(e.getMessage()));
                return ProblemException.conflict("ledger-invariant", "Ledger invariant",
                        "The ledger refused this movement: it would break one of the ledger's invariants (balances, "
                                + "zero-sum entries). Quote the correlation id when reporting it.");
            case "23505":
                LOG.infof("duplicate movement refused [%s]: %s", Correlation.current(), firstLine(e.getMessage()));
                return ProblemException.conflict("duplicate", "Already exists",
                        "This movement conflicts with one already recorded.");
            default:
                return new IllegalStateException("ledger SQL failed", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static Optional<Account> one(Connection c, String q, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(q)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Account.of(rs)) : Optional.empty();
            }
        }
    }

    static void filter(StringBuilder q, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            q.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
