package fr.gouv.ti.webhook.domain;

import fr.gouv.ti.commons.codes.TerritoryRegions;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The events received (kept for replay) and the few facts about them that visibility needs. */
@ApplicationScoped
public class EventRepository implements Visibility.Parties {

    private static final String COLUMNS = """
            id, type, source, subject, event_time, correlation_id, topic, aggregate_key, data, phase, ti_id,
            region_code, contract_id, operator_code, received_at, position""";

    private final Sql sql;

    public EventRepository(AgroalDataSource ds) {
        this.sql = new Sql(ds);
    }

    /** @return false if the event was stored before (the inbox already keeps that from happening) */
    public boolean insert(StoredEvent e) {
        return sql.update("""
                insert into webhook_event (id, type, source, subject, event_time, correlation_id, topic, aggregate_key,
                    data, phase, ti_id, region_code, contract_id, operator_code)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                e.id(), e.type(), e.source(), e.subject(), e.time(), e.correlationId(), e.topic(), e.aggregateKey(),
                e.data(), e.phase(), e.tiId(), e.regionCode(), e.contractId(), e.operatorCode()) == 1;
    }

    public Optional<StoredEvent> find(String id) {
        return sql.one("select " + COLUMNS + " from webhook_event where id = ?", EventRepository::map, id);
    }

    /** Events received at or after {@code since}, after {@code afterPosition}, in the order they were received. */
    public List<Positioned> since(Instant since, long afterPosition, int limit) {
        return sql.list("select " + COLUMNS + " from webhook_event where received_at >= ? and position > ? "
                        + "order by position limit ?",
                rs -> new Positioned(map(rs), rs.getLong("position")), since, afterPosition, limit);
    }

    public record Positioned(StoredEvent event, long position) {
    }

    /** The lead region of a territory and every region its perimeter reaches (lead first). */
    public void territoryRegion(String phase, String tiId, String regionCode, List<String> regionCodes) {
        List<String> all = TerritoryRegions.leadFirst(regionCode, regionCodes);
        sql.update("""
                insert into territory_region (phase, ti_id, region_code, region_codes) values (?, ?, ?, ?::text[])
                on conflict (phase, ti_id) do update set region_code = excluded.region_code,
                    region_codes = excluded.region_codes""", phase, tiId, regionCode,
                "{" + String.join(",", all) + "}");
    }

    @Override
    public boolean reaches(String phase, String tiId, String regionCode) {
        return sql.one("select 1 from territory_region where phase = ? and ti_id = ? and ? = any(region_codes)",
                rs -> rs.getInt(1), phase, tiId, regionCode).isPresent();
    }

    public Optional<String> regionOf(String phase, String tiId) {
        return sql.one("select region_code from territory_region where phase = ? and ti_id = ?",
                rs -> rs.getString(1), phase, tiId);
    }

    public void actionContract(String actionId, String contractId) {
        sql.update("insert into action_contract (action_id, contract_id) values (?, ?) on conflict do nothing",
                actionId, contractId);
    }

    public Optional<String> contractOf(String actionId) {
        return sql.one("select contract_id from action_contract where action_id = ?", rs -> rs.getString(1), actionId);
    }

    public void party(String contractId, String operator) {
        sql.update("insert into contract_party (contract_id, operator) values (?, ?) on conflict do nothing",
                contractId, operator);
    }

    @Override
    public boolean isParty(String contractId, String operator) {
        return sql.one("select 1 from contract_party where contract_id = ? and operator = ?", rs -> true,
                contractId, operator).isPresent();
    }

    /** Purges events older than {@code before} that no delivery still waits for, with their finished deliveries. */
    public int purge(Instant before) {
        sql.update("""
                delete from delivery d using webhook_event e
                where d.event_id = e.id and e.received_at < ? and d.status <> 'PENDING'""", before);
        return sql.update("""
                delete from webhook_event e where e.received_at < ?
                and not exists (select 1 from delivery d where d.event_id = e.id)""", before);
    }

    static StoredEvent map(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getString("id"), rs.getString("type"), rs.getString("source"),
                rs.getString("subject"), rs.getString("event_time"), rs.getString("correlation_id"),
                rs.getString("topic"), rs.getString("aggregate_key"), rs.getString("data"), rs.getString("phase"),
                rs.getString("ti_id"), rs.getString("region_code"), rs.getString("contract_id"),
                rs.getString("operator_code"), Sql.instant(rs, "received_at"));
    }
}
