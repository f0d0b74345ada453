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

/**
 * The delivery queue. A delivery is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, only when it is the
 * first pending one of its aggregate for its subscription: deliveries of one aggregate go out one at a time, in the
 * order the events arrived, whatever the number of workers and instances; a lease that runs out (an instance killed
 * mid-delivery) makes it claimable again.
 */
@ApplicationScoped
public class DeliveryRepository {

    private static final String COLUMNS = """
            d.id, d.subscription_id, d.event_id, e.type, d.aggregate_key, d.status, d.attempts, d.next_attempt_at,
            d.last_status, d.last_error, d.replay_of, d.created_at, d.delivered_at""";

    private final Sql sql;

    public DeliveryRepository(AgroalDataSource ds) {
        this.sql = new Sql(ds);
    }

    /** First deliveries of events (a second copy for the same subscription and event is ignored). */
    public int enqueue(List<Delivery.New> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        String[] subs = deliveries.stream().map(d -> d.subscriptionId().toString()).toArray(String[]::new);
        String[] events = deliveries.stream().map(Delivery.New::eventId).toArray(String[]::new);
        String[] keys = deliveries.stream().map(Delivery.New::aggregateKey).toArray(String[]::new);
        return sql.update("""
                insert into delivery (subscription_id, event_id, aggregate_key)
                select s::uuid, e, k from unnest(?::text[], ?::text[], ?::text[]) with ordinality as t(s, e, k, n)
                order by n
                on conflict (subscription_id, event_id) where replay_of is null do nothing""", subs, events, keys);
    }

    /** A new delivery of the event of delivery {@code of} (its log stays as it is). */
    public long replay(long of) {
        return sql.one("""
                insert into delivery (subscription_id, event_id, aggregate_key, replay_of)
                select subscription_id, event_id, aggregate_key, id from delivery where id = ?
                returning id""", rs -> rs.getLong(1), of).orElseThrow();
    }

    /** New deliveries of the given events to one subscription, in the given order. */
    public int replayEvents(UUID subscriptionId, List<StoredEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        String[] ids = events.stream().map(StoredEvent::id).toArray(String[]::new);
        String[] keys = events.stream().map(StoredEvent::aggregateKey).toArray(String[]::new);
        return sql.update("""
                insert into delivery (subscription_id, event_id, aggregate_key, replay_of)
                select ?, e, k, 0 from unnest(?::text[], ?::text[]) with ordinality as t(e, k, n) order by n""",
                subscriptionId, ids, keys);
    }

    public List<Delivery.Claimed> claim(int limit, Duration lease) {
        List<Long> ids = sql.list("""
                with claimable as (
                    select d.id from delivery d join subscription s on s.id = d.subscription_id
                    where d.status = 'PENDING' and d.next_attempt_at <= clock_timestamp()
                      and (d.leased_until is null or d.leased_until < clock_timestamp())
                      and s.enabled
                      and not exists (select 1 from delivery p
                                      where p.subscription_id = d.subscription_id and p.aggregate_key = d.aggregate_key
                                        and p.status = 'PENDING' and p.id < d.id)
                    order by d.next_attempt_at, d.id
                    limit ?
                    for update of d skip locked)
                update delivery d set leased_until = clock_timestamp() + make_interval(secs => ?)
                from claimable c where d.id = c.id
                returning d.id""", rs -> rs.getLong(1), limit, lease.toMillis() / 1000.0);
        if (ids.isEmpty()) {
            return List.of();
        }
        return sql.list("""
                select d.id as delivery_id, d.subscription_id, s.url, d.attempts, d.created_at as delivery_created,
                       e.id, e.type, e.source, e.subject, e.event_time, e.correlation_id, e.topic, e.aggregate_key,
                       e.data, e.phase, e.ti_id, e.region_code, e.contract_id, e.operator_code, e.received_at
                from delivery d join subscription s on s.id = d.subscription_id join webhook_event e on e.id = d.event_id
                where d.id = any(?) order by d.id""",
                rs -> new Delivery.Claimed(rs.getLong("delivery_id"), rs.getObject("subscription_id", UUID.class),
                        rs.getString("url"), rs.getInt("attempts"), Sql.instant(rs, "delivery_created"),
                        EventRepository.map(rs)), (Object) ids.toArray(Long[]::new));
    }

    public void attempt(long deliveryId, Instant at, Integer statusCode, int latencyMs, String outcome,
                        String excerpt, String error) {
        sql.update("""
                insert into delivery_attempt (delivery_id, attempted_at, status_code, latency_ms, outcome,
                    response_excerpt, error) values (?, ?, ?, ?, ?, ?, ?)""",
                deliveryId, at, statusCode, latencyMs, outcome, excerpt, error);
    }

    public void delivered(long id, Integer statusCode) {
        sql.update("""
                update delivery set status = 'DELIVERED', attempts = attempts + 1, last_status = ?, last_error = null,
                    leased_until = null, delivered_at = clock_timestamp() where id = ?""", statusCode, id);
    }

    /** A failed attempt: retried at {@code next}, or FAILED when {@code next} is null. */
    public void failed(long id, Integer statusCode, String error, Instant next) {
        sql.update("""
                update delivery set status = ?, attempts = attempts + 1, last_status = ?, last_error = ?,
                    leased_until = null, next_attempt_at = coalesce(?, next_attempt_at) where id = ?""",
                next == null ? Delivery.FAILED : Delivery.PENDING, statusCode, error, next, id);
    }

    /** Pending deliveries of a subscription become due now (it was enabled again). */
    public int dueNow(UUID subscriptionId) {
        return sql.update("update delivery set next_attempt_at = clock_timestamp() "
                + "where subscription_id = ? and status = 'PENDING'", subscriptionId);
    }

    public List<Delivery> page(UUID subscriptionId, String status, long beforeId, int limit) {
        return sql.list("select " + COLUMNS + " from delivery d join webhook_event e on e.id = d.event_id "
                        + "where d.subscription_id = ? and (?::text is null or d.status = ?) and d.id < ? "
                        + "order by d.id desc limit ?", DeliveryRepository::map,
                subscriptionId, status, status, beforeId, limit);
    }

    public Optional<Delivery> find(UUID subscriptionId, long id) {
        return sql.one("select " + COLUMNS + " from delivery d join webhook_event e on e.id = d.event_id "
                + "where d.subscription_id = ? and d.id = ?", DeliveryRepository::map, subscriptionId, id);
    }

    public List<Delivery.Attempt> attempts(long deliveryId) {
        return sql.list("""
                select id, attempted_at, status_code, latency_ms, outcome, response_excerpt, error
                from delivery_attempt where delivery_id = ? order by id""",
                rs -> new Delivery.Attempt(rs.getLong("id"), Sql.instant(rs, "attempted_at"),
                        Sql.integer(rs, "status_code"), rs.getInt("latency_ms"), rs.getString("outcome"),
                        rs.getString("response_excerpt"), rs.getString("error")), deliveryId);
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        long replayOf = rs.getLong("replay_of");
        Long replay = rs.wasNull() ? null : replayOf;
        return new Delivery(rs.getLong("id"), rs.getObject("subscription_id", UUID.class), rs.getString("event_id"),
                rs.getString("type"), rs.getString("aggregate_key"), rs.getString("status"), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), Sql.integer(rs, "last_status"), rs.getString("last_error"),
                replay, Sql.instant(rs, "created_at"), Sql.instant(rs, "delivered_at"));
    }
}
