package fr.gouv.ti.funding.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What funding-service knows from other services' events: territories, fiches-actions and the measure catalogue. */
@Singleton // no client proxy: called many times per request, and Jdbc has no no-args constructor
public class ProjectionRepository extends Jdbc {

    public ProjectionRepository(AgroalDataSource ds) {
        super(ds);
    }

    // ---------------------------------------------------------------- fiches-actions projection

    public void upsertAction(FundingAction a) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into funding_action as f (action_id, contract_id, phase, ti_id, region_code, title, axis,
                                                     measure_codes, status, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                    on conflict (action_id) do update set contract_id = excluded.contract_id,
                        phase = excluded.phase, ti_id = excluded.ti_id, region_code = excluded.region_code,
                        title = excluded.title, axis = excluded.axis, measure_codes = excluded.measure_codes,
                        status = excluded.status, updated_at = now()""")) {
                ps.setString(1, a.actionId());
                ps.setString(2, a.contractId());
                ps.setString(3, a.phase());
                ps.setString(4, a.tiId());
                ps.setString(5, a.regionCode());
                ps.setString(6, a.title());
                ps.setString(7, a.axis());
                ps.setArray(8, c.createArrayOf("text", a.measureCodes().toArray()));
                ps.setString(9, a.status());
                return ps.executeUpdate();
            }
        });
    }

    public Optional<FundingAction> action(String actionId) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select action_id, contract_id, phase, ti_id, region_code, title, axis, measure_codes, status
                    from funding_action where action_id = ?""")) {
                ps.setString(1, actionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(action(rs));
                }
            }
        });
    }

    // ---------------------------------------------------------------- territories projection

    /** Upserts a territory snapshot, never going back to an older version (events may be redelivered). */
    public void upsertTerritory(KnownTerritory t) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into territory_ref as t (phase, ti_id, region_code, region_codes, name, status, version)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (phase, ti_id) do update set region_code = excluded.region_code,
                        region_codes = excluded.region_codes, name = excluded.name, status = excluded.status,
                        version = excluded.version, updated_at = now()
                    where t.version <= excluded.version""")) {
                ps.setString(1, t.phase());
                ps.setString(2, t.tiId());
                ps.setString(3, t.regionCode());
                ps.setArray(4, c.createArrayOf("text", t.regionCodes().toArray()));
                ps.setString(5, t.name());
                ps.setString(6, t.status());
                ps.setLong(7, t.version());
                return ps.executeUpdate();
            }
        });
    }

    /** The territory as the registry last published it, if the ledger has heard of it. */
    public Optional<KnownTerritory> territory(String phase, String tiId) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select phase, ti_id, region_code, region_codes, name, status, version
                    from territory_ref where phase = ? and ti_id = ?""")) {
                ps.setString(1, phase);
                ps.setString(2, tiId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new KnownTerritory(rs.getString(1), rs.getString(2), rs.getString(3),
                            List.of((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getString(6),
                            rs.getLong(7)));
                }
            }
        });
    }

    // ---------------------------------------------------------------- measures projection

    /** Upserts a measure from a catalogue version, never going back to an older version. */
    public void upsertMeasure(String code, String axis, String title, String phase, String status, int version) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into measure_ref as m (code, axis, title, phase, status, catalogue_version)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (code) do update set axis = excluded.axis, title = excluded.title,
                        phase = excluded.phase, status = excluded.status,
                        catalogue_version = excluded.catalogue_version, updated_at = now()
                    where m.catalogue_version <= excluded.catalogue_version""")) {
                ps.setString(1, code);
                ps.setString(2, axis);
                ps.setString(3, title);
                ps.setString(4, phase);
                ps.setString(5, status);
                ps.setInt(6, version);
                return ps.executeUpdate();
            }
        });
    }

    /** The status of a measure in the last catalogue the ledger has heard of (ACTIVE, RETIRED…), if any. */
    public Optional<String> measureStatus(String code) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("select coalesce(status, '') from measure_ref where code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void retireMeasure(String code) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update measure_ref set status = 'RETIRED', updated_at = now() where code = ?")) {
                ps.setString(1, code);
                return ps.executeUpdate();
            }
        });
    }

    /** The fiches-actions with these ids, by id (the unknown ones are absent). */
    public Map<String, FundingAction> actions(Collection<String> actionIds) {
        return sql(c -> {
            Map<String, FundingAction> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select action_id, contract_id, phase, ti_id, region_code, title, axis, measure_codes, status
                    from funding_action where action_id = any(?)""")) {
                ps.setArray(1, c.createArrayOf("text", actionIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        FundingAction a = action(rs);
                        out.put(a.actionId(), a);
                    }
                }
            }
            return out;
        });
    }

    private static FundingAction action(ResultSet rs) throws SQLException {
        String[] codes = (String[]) rs.getArray(8).getArray();
        return new FundingAction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), List.of(codes), rs.getString(9));
    }
}
