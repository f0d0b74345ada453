package fr.gouv.ti.territory.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The territory summaries, in plain SQL. Contract events and funding events (FundingTotalsFold) update the same rows
 * from two consumers at once, so each writer sets only its own columns in one upsert and adds to
 * {@code events_applied}: neither can undo the other's change, and no row lock is held across statements.
 * Inside the inbox's transaction the pooled connection is enlisted, so these writes commit with the event's id.
 */
@ApplicationScoped
public class TerritorySummaryRepository {

    private final AgroalDataSource dataSource;

    public TerritorySummaryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<TerritorySummary> find(String phase, String tiId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select contract_id, contract_state, contract_effective, action_count, allocated_cents, committed_cents,
                       disbursed_cents, events_applied, updated_at
                from territory_summary where phase = ? and ti_id = ?""")) {
            ps.setString(1, phase);
            ps.setString(2, tiId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date effective = rs.getDate(3);
                return Optional.of(new TerritorySummary(phase, tiId, rs.getString(1), rs.getString(2),
                        effective == null ? null : effective.toLocalDate(), rs.getInt(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getTimestamp(9).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A contract event: its state, its effective date when it has one, its count of fiches-actions when given. */
    public void applyContract(String phase, String tiId, String contractId, String state, LocalDate effective,
                              Integer actionCount, String eventId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into territory_summary as s (phase, ti_id, contract_id, contract_state, contract_effective,
                                                    action_count, events_applied, last_event_id, updated_at)
                values (?, ?, ?, ?, ?, coalesce(?, 0), 1, ?, now())
                on conflict (phase, ti_id) do update set
                    contract_id = excluded.contract_id,
                    contract_state = excluded.contract_state,
                    contract_effective = coalesce(?, s.contract_effective),
                    action_count = coalesce(?, s.action_count),
                    events_applied = s.events_applied + 1,
                    last_event_id = excluded.last_event_id,
                    updated_at = excluded.updated_at""")) {
            ps.setString(1, phase);
            ps.setString(2, tiId);
            ps.setString(3, contractId);
            ps.setString(4, state);
            setDate(ps, 5, effective);
            setInt(ps, 6, actionCount);
            ps.setString(7, eventId);
            setDate(ps, 8, effective);
            setInt(ps, 9, actionCount);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fiche-action event: its status, and the territory's count of fiches-actions recomputed from them. */
    public void applyAction(String phase, String tiId, String actionId, String status, String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement action = c.prepareStatement("""
                     insert into territory_summary_action (action_id, phase, ti_id, status) values (?, ?, ?, ?)
                     on conflict (action_id) do update set status = excluded.status""");
             PreparedStatement summary = c.prepareStatement("""
                     insert into territory_summary as s (phase, ti_id, action_count, events_applied, last_event_id, updated_at)
                     values (?, ?, (select count(*) from territory_summary_action where phase = ? and ti_id = ?), 1, ?, now())
                     on conflict (phase, ti_id) do update set
                         action_count = excluded.action_count,
                         events_applied = s.events_applied + 1,
                         last_event_id = excluded.last_event_id,
                         updated_at = excluded.updated_at""")) {
            action.setString(1, actionId);
            action.setString(2, phase);
            action.setString(3, tiId);
            action.setString(4, status);
            action.executeUpdate();
            summary.setString(1, phase);
            summary.setString(2, tiId);
            summary.setString(3, phase);
            summary.setString(4, tiId);
            summary.setString(5, eventId);
            summary.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setDate(i, Date.valueOf(d));
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }
}
