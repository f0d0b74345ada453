package fr.gouv.ti.territory.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Territories, their membership periods and pilots, in plain JDBC: writes are batched (the seed and the bulk import
 * insert hundreds of rows) and lists use keyset pagination. Inside a JTA transaction the pooled connection is
 * enlisted, so these writes commit or roll back with the outbox and audit rows.
 */
@ApplicationScoped
public class TerritoryRepository {

    private static final String COLUMNS = """
            t.id, t.phase, t.ti_id, t.name, t.region_code, t.status, t.labelled_on, t.delabelled_on, t.notes,
            t.version, t.created_at, t.updated_at""";

    private final AgroalDataSource dataSource;

    public TerritoryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A territory to insert. */
    public record NewTerritory(String phase, String tiId, String name, String regionCode, String status,
                               LocalDate labelledOn, String notes) {
    }

    /** A membership period to open. */
    public record NewMember(long territoryId, String siren, String name, String officialName, String nature,
                            List<String> departmentCodes, LocalDate validFrom) {
    }

    // ---------------------------------------------------------------- reads

    public Optional<Territory> find(String phase, String tiId) {
        return query("where t.phase = ? and t.ti_id = ?", List.of(phase, tiId), "").stream().findFirst();
    }

    /** Locks the territory row until the end of the transaction (serialises concurrent writes on it). */
    public Optional<Territory> findForUpdate(String phase, String tiId) {
        return query("where t.phase = ? and t.ti_id = ?", List.of(phase, tiId), " for update").stream().findFirst();
    }

    public List<Territory> byPhase(String phase) {
        return query("where t.phase = ?", List.of(phase), "");
    }

    /** The phase's territories, locked until the end of the transaction (a bulk import against admin writes). */
    public List<Territory> byPhaseForUpdate(String phase) {
        return query("where t.phase = ?", List.of(phase), " for update of t");
    }

    public List<Territory> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(ids.toArray(new Long[0]));
        return query("where t.id = any(?)", params, "");
    }

    public List<Territory> search(TerritoryFilter f) {
        StringBuilder where = new StringBuilder("where true");
        List<Object> params = new ArrayList<>();
        if (f.phase() != null) {
            where.append(" and t.phase = ?");
            params.add(f.phase());
        }
        if (f.regionCode() != null) {
            // the lead region, or any region the current perimeter reaches (27 territories straddle two regions)
            where.append(" and (t.region_code = ? or exists (select 1 from territory_member m join department d"
                    + " on d.code = any(m.department_codes) where m.territory_id = t.id and m.valid_to is null"
                    + " and d.region_code = ?))");
            params.add(f.regionCode());
            params.add(f.regionCode());
        }
        if (f.departmentCode() != null) {
            where.append(" and exists (select 1 from territory_member m where m.territory_id = t.id"
                    + " and m.valid_to is null and ? = any(m.department_codes))");
            params.add(f.departmentCode());
        }
        if (f.siren() != null) {
            where.append(" and exists (select 1 from territory_member m where m.territory_id = t.id"
                    + " and m.valid_to is null and m.siren = ?)");
            params.add(f.siren());
        }
        if (f.nature() != null) {
            where.append(" and exists (select 1 from territory_member m where m.territory_id = t.id"
                    + " and m.valid_to is null and m.nature = ?)");
            params.add(f.nature());
        }
        if (f.status() != null) {
            where.append(" and t.status = ?");
            params.add(f.status());
        }
        for (String token : f.textTokens()) {
            where.append(" and t.search_text like ?");
            params.add("% " + token + "%");
        }
        if (f.updatedSince() != null) {
            where.append(" and t.updated_at >= ?");
            params.add(Timestamp.from(f.updatedSince()));
        }
        if (f.afterPhase() != null) {
            where.append(" and (t.phase, t.ti_id) > (?, ?)");
            params.add(f.afterPhase());
            params.add(f.afterTiId());
        }
        return query(where.toString(), params, " limit " + f.limit());
    }

    /** Every membership period, in any phase, of the groupement with this SIREN. */
    public List<Membership> membershipsOf(String siren) {
        String sql = """
                select t.phase, t.ti_id, t.name as territory_name, t.status, m.*
                from territory_member m join territory t on t.id = m.territory_id
                where m.siren = ? order by t.phase, t.ti_id, m.valid_from""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, siren);
            List<Membership> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Membership(rs.getString("phase"), rs.getString("ti_id"), rs.getString("territory_name"),
                            rs.getString("status"), member(rs)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Territory> query(String where, List<Object> params, String suffix) {
        String sql = "select " + COLUMNS + " from territory t " + where + " order by t.phase, t.ti_id" + suffix;
        try (Connection c = dataSource.getConnection()) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), localDate(rs.getDate(7)), localDate(rs.getDate(8)),
                                rs.getString(9), rs.getLong(10), rs.getTimestamp(11).toInstant(),
                                rs.getTimestamp(12).toInstant()});
                    }
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            Long[] ids = rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new);
            Map<Long, List<Member>> members = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select * from territory_member m where m.territory_id = any(?)
                    order by m.territory_id, m.siren, m.valid_from""")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        members.computeIfAbsent(rs.getLong("territory_id"), k -> new ArrayList<>()).add(member(rs));
                    }
                }
            }
            Map<Long, List<Pilot>> pilots = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select territory_id, name, role, organisation from territory_pilot
                    where territory_id = any(?) order by territory_id, position""")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pilots.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new Pilot(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            List<Territory> out = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                long id = (Long) r[0];
                out.add(new Territory(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                        (LocalDate) r[6], (LocalDate) r[7], (String) r[8], (Long) r[9], (Instant) r[10],
                        (Instant) r[11], List.copyOf(members.getOrDefault(id, List.of())),
                        List.copyOf(pilots.getOrDefault(id, List.of()))));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Member member(ResultSet rs) throws SQLException {
        Array deps = rs.getArray("department_codes");
        return new Member(rs.getLong("id"), rs.getString("siren"), rs.getString("name"), rs.getString("official_name"),
                rs.getString("nature"), List.of((String[]) deps.getArray()), localDate(rs.getDate("valid_from")),
                localDate(rs.getDate("valid_to")));
    }

    // ---------------------------------------------------------------- writes

    /** Inserts territories in one batch; returns their ids in the same order. */
    public List<Long> insertTerritories(List<NewTerritory> territories) {
        if (territories.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into territory (phase, ti_id, name, region_code, status, labelled_on, notes)
                values (?, ?, ?, ?, ?, ?, ?)""", new String[]{"id"})) {
            for (NewTerritory t : territories) {
                ps.setString(1, t.phase());
                ps.setString(2, t.tiId());
                ps.setString(3, t.name());
                ps.setString(4, t.regionCode());
                ps.setString(5, t.status());
                ps.setObject(6, t.labelledOn(), Types.DATE);
                ps.setString(7, t.notes());
                ps.addBatch();
            }
            ps.executeBatch();
            List<Long> ids = new ArrayList<>(territories.size());
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
            if (ids.size() != territories.size()) {
                throw new IllegalStateException("expected " + territories.size() + " ids, got " + ids.size());
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void insertMembers(List<NewMember> members) {
        if (members.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into territory_member (territory_id, siren, name, official_name, nature, department_codes, valid_from)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (NewMember m : members) {
                ps.setLong(1, m.territoryId());
                ps.setString(2, m.siren());
                ps.setString(3, m.name());
                ps.setString(4, m.officialName());
                ps.setString(5, m.nature());
                ps.setArray(6, c.createArrayOf("text", m.departmentCodes().toArray()));
                ps.setObject(7, m.validFrom(), Types.DATE);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes membership periods on {@code validTo} (exclusive). */
    public void closeMembers(Collection<Long> memberIds, LocalDate validTo) {
        if (memberIds.isEmpty()) {
            return;
        }
        execute("update territory_member set valid_to = ? where id = any(?) and valid_to is null",
                java.sql.Date.valueOf(validTo), memberIds.toArray(new Long[0]));
    }

    /** Removes membership periods that never lasted a day (opened and closed on the same date). */
    public void deleteMembers(Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        execute("delete from territory_member where id = any(?)", (Object) memberIds.toArray(new Long[0]));
    }

    /** Updates the attributes (not the period) of current members: a renamed EPCI keeps its SIREN. */
    public void updateMembers(List<Member> members) {
        if (members.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update territory_member set name = ?, official_name = ?, nature = ?, department_codes = ?
                where id = ?""")) {
            for (Member m : members) {
                ps.setString(1, m.name());
                ps.setString(2, m.officialName());
                ps.setString(3, m.nature());
                ps.setArray(4, c.createArrayOf("text", m.departmentCodes().toArray()));
                ps.setLong(5, m.id());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A territory's own fields after a change. */
    public record TerritoryUpdate(long id, String name, String regionCode, String status, LocalDate labelledOn,
                                  LocalDate delabelledOn, String notes) {
        public static TerritoryUpdate of(Territory t) {
            return new TerritoryUpdate(t.id(), t.name(), t.regionCode(), t.status(), t.labelledOn(), t.delabelledOn(),
                    t.notes());
        }
    }

    /**
     * Writes the fields and bumps the version of each territory (also for a change of its perimeter or pilots only).
     * Callers lock the row first ({@link #findForUpdate}) or hold the phase lock (bulk import).
     */
    public void update(List<TerritoryUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update territory set name = ?, region_code = ?, status = ?, labelled_on = ?, delabelled_on = ?,
                       notes = ?, version = version + 1, updated_at = clock_timestamp()
                where id = ?""")) {
            for (TerritoryUpdate u : updates) {
                ps.setString(1, u.name());
                ps.setString(2, u.regionCode());
                ps.setString(3, u.status());
                ps.setObject(4, u.labelledOn(), Types.DATE);
                ps.setObject(5, u.delabelledOn(), Types.DATE);
                ps.setString(6, u.notes());
                ps.setLong(7, u.id());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void replacePilots(long territoryId, List<Pilot> pilots) {
        execute("delete from territory_pilot where territory_id = ?", territoryId);
        if (pilots.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into territory_pilot (territory_id, position, name, role, organisation) values (?, ?, ?, ?, ?)""")) {
            int position = 0;
            for (Pilot p : pilots) {
                ps.setLong(1, territoryId);
                ps.setInt(2, position++);
                ps.setString(3, p.name());
                ps.setString(4, p.role());
                ps.setString(5, p.organisation());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void updateSearchText(Map<Long, String> textById) {
        if (textById.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update territory set search_text = ? where id = ?")) {
            for (Map.Entry<Long, String> e : textById.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- phases, reference data, seed bookkeeping

    public List<Phase> phases() {
        List<Phase> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select code, starts_on, ends_on from phase order by code"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Phase(rs.getString(1), localDate(rs.getDate(2)), localDate(rs.getDate(3))));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Phase> phase(String code) {
        return phases().stream().filter(p -> p.code().equals(code)).findFirst();
    }

    public void insertPhase(Phase p) {
        execute("insert into phase (code, starts_on, ends_on) values (?, ?, ?)", p.code(),
                Date.valueOf(p.startsOn()), Date.valueOf(p.endsOn()));
    }

    public Map<String, Region> regions() {
        Map<String, Region> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select code, name, zone, chef_lieu_insee from region order by code"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Region(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Department> departments() {
        Map<String, Department> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select code, name, region_code, zone, chef_lieu_insee from department order by code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Department(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void insertRegions(List<Region> regions) {
        batch("insert into region (code, name, zone, chef_lieu_insee) values (?, ?, ?, ?) on conflict (code) do nothing",
                regions.stream().map(r -> new Object[]{r.code(), r.name(), r.zone(), r.chefLieuInsee()}).toList());
    }

    public void insertDepartments(List<Department> departments) {
        batch("""
                insert into department (code, name, region_code, zone, chef_lieu_insee) values (?, ?, ?, ?, ?)
                on conflict (code) do nothing""",
                departments.stream().map(d -> new Object[]{d.code(), d.name(), d.regionCode(), d.zone(),
                        d.chefLieuInsee()}).toList());
    }

    /**
     * Takes a transaction-scoped advisory lock serialising seeds, imports and labels: two instances starting together
     * do not seed twice, and two writers creating the same territory get a 409 rather than a key violation.
     */
    public void lockSeed() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_xact_lock(hashtext('territory-seed'))")) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean seeded(String dataset) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from seed_run where dataset = ?")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void markSeeded(String dataset, String sha256) {
        execute("insert into seed_run (dataset, sha256) values (?, ?)", dataset, sha256);
    }

    // ---------------------------------------------------------------- helpers

    private void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, Arrays.asList(params));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(c, ps, Arrays.asList(row));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Long[] longs) {
                ps.setArray(i + 1, c.createArrayOf("bigint", longs));
            } else if (p instanceof String[] strings) {
                ps.setArray(i + 1, c.createArrayOf("text", strings));
            } else if (p == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static LocalDate localDate(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
