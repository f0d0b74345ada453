package fr.gouv.ti.webhook.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions and their signing secrets. */
@ApplicationScoped
public class SubscriptionRepository {

    private static final String COLUMNS = """
            id, seq, client_id, client_name, owner_role, owner_region, owner_operator, owner_phase, owner_ti_id, url,
            description, event_types, filter_phase, filter_ti_id, filter_region, enabled, disabled_reason, disabled_at,
            consecutive_failures, failing_since, version, created_at, updated_at""";

    private final Sql sql;

    public SubscriptionRepository(AgroalDataSource ds) {
        this.sql = new Sql(ds);
    }

    public void insert(Subscription s, String secret) {
        sql.update("""
                insert into subscription (id, client_id, client_name, owner_role, owner_region, owner_operator,
                    owner_phase, owner_ti_id, url, description, event_types, filter_phase, filter_ti_id, filter_region)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.id(), s.owner().clientId(), s.owner().clientName(), s.owner().role().claim(), s.owner().regionCode(),
                s.owner().operatorCode(), s.owner().phase(), s.owner().tiId(), s.url(), s.description(),
                s.eventTypes().toArray(String[]::new), s.filterPhase(), s.filterTiId(), s.filterRegion());
        sql.update("insert into subscription_secret (subscription_id, secret) values (?, ?)", s.id(), secret);
    }

    public Optional<Subscription> find(UUID id) {
        return sql.one("select " + COLUMNS + " from subscription where id = ?", SubscriptionRepository::map, id);
    }

    /** A client's subscriptions after {@code afterSeq}, oldest first; the sequence of each is its cursor. */
    public List<Subscription> ofClient(String clientId, long afterSeq, int limit) {
        return sql.list("select " + COLUMNS + " from subscription where client_id = ? and seq > ? order by seq limit ?",
                SubscriptionRepository::map, clientId, afterSeq, limit);
    }

    public long seqOf(UUID id) {
        return sql.one("select seq from subscription where id = ?", rs -> rs.getLong(1), id).orElse(0L);
    }

    public List<Subscription> enabled() {
        return sql.list("select " + COLUMNS + " from subscription where enabled", SubscriptionRepository::map);
    }

    public int update(Subscription s) {
        return sql.update("""
                update subscription set url = ?, description = ?, event_types = ?, filter_phase = ?, filter_ti_id = ?,
                    filter_region = ?, enabled = ?, disabled_reason = ?, disabled_at = ?, consecutive_failures = ?,
                    failing_since = ?, version = version + 1, updated_at = now()
                where id = ? and version = ?""",
                s.url(), s.description(), s.eventTypes().toArray(String[]::new), s.filterPhase(), s.filterTiId(),
                s.filterRegion(), s.enabled(), s.disabledReason(), s.disabledAt(), s.consecutiveFailures(),
                s.failingSince(), s.id(), s.version());
    }

    public int delete(UUID id) {
        return sql.update("delete from subscription where id = ?", id);
    }

    /** The secrets that sign now: the current one first, then a previous one still in its overlap period. */
    public List<String> signingSecrets(UUID id) {
        return sql.list("""
                select secret from subscription_secret
                where subscription_id = ? and (expires_at is null or expires_at > now())
                order by id desc""", rs -> rs.getString(1), id);
    }

    /** Makes {@code secret} the current one; the previous current one signs for {@code overlap} more. */
    public Instant rotate(UUID id, String secret, Duration overlap) {
        Instant until = Instant.now().plus(overlap);
        sql.update("""
                update subscription_secret set expires_at = case when expires_at is null then ? else least(expires_at, ?) end
                where subscription_id = ? and (expires_at is null or expires_at > now())""", until, until, id);
        sql.update("delete from subscription_secret where subscription_id = ? and expires_at <= now()", id);
        sql.update("insert into subscription_secret (subscription_id, secret) values (?, ?)", id, secret);
        sql.update("update subscription set version = version + 1, updated_at = now() where id = ?", id);
        return until;
    }

    public void recordSuccess(UUID id) {
        sql.update("""
                update subscription set consecutive_failures = 0, failing_since = null
                where id = ? and (consecutive_failures <> 0 or failing_since is not null)""", id);
    }

    /**
     * Counts a failed attempt; disables the subscription, with {@code reason}, once it has failed {@code threshold}
     * attempts in a row for at least {@code after}.
     *
     * @return true if this failure disabled it
     */
    public boolean recordFailure(UUID id, int threshold, Duration after, String reason) {
        return sql.one("""
                with s as (
                    select id, enabled and consecutive_failures + 1 >= ?
                           and coalesce(failing_since, now()) <= now() - make_interval(secs => ?) as disable
                    from subscription where id = ? for update)
                update subscription t set consecutive_failures = t.consecutive_failures + 1,
                    failing_since = coalesce(t.failing_since, now()),
                    enabled = t.enabled and not s.disable,
                    disabled_reason = case when s.disable then ? else t.disabled_reason end,
                    disabled_at = case when s.disable then now() else t.disabled_at end,
                    version = t.version + case when s.disable then 1 else 0 end
                from s where t.id = s.id
                returning s.disable""", rs -> rs.getBoolean(1), threshold, seconds(after), id, reason)
                .orElse(false);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Subscription map(ResultSet rs) throws SQLException {
        return new Subscription(rs.getObject("id", UUID.class),
                Subscription.owner(rs.getString("client_id"), rs.getString("client_name"), rs.getString("owner_role"),
                        rs.getString("owner_region"), rs.getString("owner_operator"), rs.getString("owner_phase"),
                        rs.getString("owner_ti_id")),
                rs.getString("url"), rs.getString("description"), Sql.texts(rs, "event_types"),
                rs.getString("filter_phase"), rs.getString("filter_ti_id"), rs.getString("filter_region"),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"), Sql.instant(rs, "disabled_at"),
                rs.getInt("consecutive_failures"), Sql.instant(rs, "failing_since"), rs.getInt("version"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
