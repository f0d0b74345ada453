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

/** Totals per territory and per fiche-action maintained with the postings, balances as of a date, and rollups. */
@Singleton // no client proxy: called many times per request, and Jdbc has no no-args constructor
public class BalanceRepository extends Jdbc {

    public BalanceRepository(AgroalDataSource ds) {
        super(ds);
    }

    /**
     * Adds to the territory's totals and returns them. UPDATE first: an INSERT ... ON CONFLICT would check the
     * CHECK constraints on the proposed row (e.g. committed 7000 over allocated 0) before seeing the conflict.
     */
    public Totals.Territory addToTerritory(String phase, String tiId, String regionCode, long allocated,
                                           long committed, long disbursed) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update territory_totals set allocated_cents = allocated_cents + ?,
                           committed_cents = committed_cents + ?, disbursed_cents = disbursed_cents + ?,
                           updated_at = now()
                     where phase = ? and ti_id = ?
                    returning allocated_cents, committed_cents, disbursed_cents""")) {
                ps.setLong(1, allocated);
                ps.setLong(2, committed);
                ps.setLong(3, disbursed);
                ps.setString(4, phase);
                ps.setString(5, tiId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Totals.Territory(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into territory_totals as t (phase, ti_id, region_code, allocated_cents, committed_cents,
                                                       disbursed_cents)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (phase, ti_id) do update
                       set allocated_cents = t.allocated_cents + excluded.allocated_cents,
                           committed_cents = t.committed_cents + excluded.committed_cents,
                           disbursed_cents = t.disbursed_cents + excluded.disbursed_cents,
                           updated_at = now()
                    returning allocated_cents, committed_cents, disbursed_cents""")) {
                ps.setString(1, phase);
                ps.setString(2, tiId);
                ps.setString(3, regionCode == null ? "" : regionCode);
                ps.setLong(4, allocated);
                ps.setLong(5, committed);
                ps.setLong(6, disbursed);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Totals.Territory(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    public Totals.Action addToAction(String actionId, long committed, long disbursed) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update action_totals set committed_cents = committed_cents + ?,
                           disbursed_cents = disbursed_cents + ?
                     where action_id = ? returning committed_cents, disbursed_cents""")) {
                ps.setLong(1, committed);
                ps.setLong(2, disbursed);
                ps.setString(3, actionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Totals.Action(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into action_totals as t (action_id, committed_cents, disbursed_cents) values (?, ?, ?)
                    on conflict (action_id) do update
                       set committed_cents = t.committed_cents + excluded.committed_cents,
                           disbursed_cents = t.disbursed_cents + excluded.disbursed_cents
                    returning committed_cents, disbursed_cents""")) {
                ps.setString(1, actionId);
                ps.setLong(2, committed);
                ps.setLong(3, disbursed);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Totals.Action(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    public Optional<Totals.Action> actionTotals(String actionId) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select committed_cents, disbursed_cents from action_totals where action_id = ?")) {
                ps.setString(1, actionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Totals.Action(rs.getLong(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    // ---------------------------------------------------------------- balances and rollups

    /** Inflow and outflow of one account from its entries up to an effective date (inclusive). */
    public long[] flowsAsOf(long accountId, LocalDate asOf) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select coalesce(sum(amount_cents) filter (where side = 'U'), 0),
                           coalesce(-sum(amount_cents) filter (where side = 'D'), 0)
                    from ledger_entry where account_id = ? and effective_date <= ?""")) {
                ps.setLong(1, accountId);
                ps.setDate(2, Date.valueOf(asOf));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[]{rs.getLong(1), rs.getLong(2)};
                }
            }
        });
    }

    /**
     * Allocated, committed and disbursed under a scope: sums of the maintained inflow of ALLOCATION, COMMITMENT and
     * DISBURSED accounts (or, with {@code asOf}, of their entries up to that effective date).
     */
    public long[] rollup(String where, List<Object> args, LocalDate asOf) {
        return sql(c -> {
            String q = asOf == null
                    ? "select a.kind, coalesce(sum(a.inflow_cents), 0) from account a where a.kind in "
                    + "('ALLOCATION', 'COMMITMENT', 'DISBURSED') and (" + where + ") group by a.kind"
                    : "select a.kind, coalesce(sum(e.amount_cents), 0) from account a join ledger_entry e "
                    + "on e.account_id = a.id and e.side = 'U' and e.effective_date <= ? where a.kind in "
                    + "('ALLOCATION', 'COMMITMENT', 'DISBURSED') and (" + where + ") group by a.kind";
            List<Object> all = new ArrayList<>();
            if (asOf != null) {
                all.add(Date.valueOf(asOf));
            }
            all.addAll(args);
            long[] out = new long[3];
            try (PreparedStatement ps = c.prepareStatement(q)) {
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case "ALLOCATION" -> out[0] = rs.getLong(2);
                            case "COMMITMENT" -> out[1] = rs.getLong(2);
                            default -> out[2] = rs.getLong(2);
                        }
                    }
                }
            }
            return out;
        });
    }

    public record AggregateRow(String key, String label, long allocatedCents, long committedCents, long disbursedCents) {
    }

    /**
     * Totals grouped by a column of the accounts (territory, region, measure, operator) from the maintained
     * balances, or by year of effective date from the entries.
     */
    public List<AggregateRow> aggregate(String groupBy, String phase, String regionCode, String operator,
                                        String measureCode, LocalDate asOf) {
        String key = switch (groupBy) {
            case "territory" -> "a.phase || '/' || a.ti_id";
            case "region" -> "coalesce(a.region_code, '')";
            case "measure" -> "a.measure_code";
            case "operator" -> "a.operator";
            case "year" -> "extract(year from e.effective_date)::int::text";
            case "axis" -> "coalesce(m.axis, 'UNKNOWN')";
            default -> throw new IllegalArgumentException(groupBy);
        };
        String measures = groupBy.equals("axis") ? " left join measure_ref m on m.code = a.measure_code" : "";
        boolean entries = asOf != null || groupBy.equals("year");
        StringBuilder q = new StringBuilder("select ").append(key).append(" as k, ")
                .append(entries
                        ? "coalesce(sum(e.amount_cents) filter (where a.kind = 'ALLOCATION'), 0), "
                        + "coalesce(sum(e.amount_cents) filter (where a.kind = 'COMMITMENT'), 0), "
                        + "coalesce(sum(e.amount_cents) filter (where a.kind = 'DISBURSED'), 0) "
                        + "from account a join ledger_entry e on e.account_id = a.id and e.side = 'U'" + measures
                        : "coalesce(sum(a.inflow_cents) filter (where a.kind = 'ALLOCATION'), 0), "
                        + "coalesce(sum(a.inflow_cents) filter (where a.kind = 'COMMITMENT'), 0), "
                        + "coalesce(sum(a.inflow_cents) filter (where a.kind = 'DISBURSED'), 0) from account a" + measures)
                .append(" where a.kind in ('ALLOCATION', 'COMMITMENT', 'DISBURSED')");
        List<Object> args = new ArrayList<>();
        if (asOf != null) {
            q.append(" and e.effective_date <= ?");
            args.add(Date.valueOf(asOf));
        }
        filter(q, args, "a.phase", phase);
        RegionScope.append(q, args, "a", regionCode);
        filter(q, args, "a.operator", operator);
        filter(q, args, "a.measure_code", measureCode);
        q.append(" group by 1 order by 1");
        return sql(c -> {
            List<AggregateRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(q.toString())) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AggregateRow(rs.getString(1), null, rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- set-based, for the batch writer

    /**
     * Locks the totals rows of these territories in key order and returns them by key: after the accounts, the
     * territory rows are the next locks in the global order. A territory's first movement opens its row.
     */
    public Map<String, Totals.Territory> lockTerritories(Collection<Totals.Place> places) {
        return sql(c -> {
            List<Totals.Place> sorted = places.stream().sorted(java.util.Comparator.comparing(Totals.Place::key))
                    .toList();
            Map<String, Totals.Territory> out = lockTerritories(c, sorted);
            List<Totals.Place> missing = sorted.stream().filter(p -> !out.containsKey(p.key())).toList();
            if (!missing.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into territory_totals (phase, ti_id, region_code)
                        select * from unnest(?::text[], ?::text[], ?::text[])
                        on conflict (phase, ti_id) do nothing""")) {
                    ps.setArray(1, c.createArrayOf("text", missing.stream().map(Totals.Place::phase).toArray()));
                    ps.setArray(2, c.createArrayOf("text", missing.stream().map(Totals.Place::tiId).toArray()));
                    ps.setArray(3, c.createArrayOf("text", missing.stream()
                            .map(p -> p.regionCode() == null ? "" : p.regionCode()).toArray()));
                    ps.executeUpdate();
                }
                out.putAll(lockTerritories(c, missing));
            }
            return out;
        });
    }

    private static Map<String, Totals.Territory> lockTerritories(Connection c, List<Totals.Place> places)
            throws SQLException {
        Map<String, Totals.Territory> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select phase, ti_id, allocated_cents, committed_cents, disbursed_cents from territory_totals
                where (phase, ti_id) in (select * from unnest(?::text[], ?::text[]))
                order by phase, ti_id for update""")) {
            ps.setArray(1, c.createArrayOf("text", places.stream().map(Totals.Place::phase).toArray()));
            ps.setArray(2, c.createArrayOf("text", places.stream().map(Totals.Place::tiId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "/" + rs.getString(2),
                            new Totals.Territory(rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    /** Moves locked territory totals by their net deltas. */
    public void addToTerritories(Map<Totals.Place, Totals.Territory> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        sql(c -> {
            List<Totals.Place> keys = new ArrayList<>(deltas.keySet());
            try (PreparedStatement ps = c.prepareStatement("""
                    update territory_totals t set allocated_cents = t.allocated_cents + d.a,
                           committed_cents = t.committed_cents + d.c, disbursed_cents = t.disbursed_cents + d.d,
                           updated_at = now()
                    from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) as d(phase, ti, a, c, d)
                    where t.phase = d.phase and t.ti_id = d.ti""")) {
                ps.setArray(1, c.createArrayOf("text", keys.stream().map(Totals.Place::phase).toArray()));
                ps.setArray(2, c.createArrayOf("text", keys.stream().map(Totals.Place::tiId).toArray()));
                ps.setArray(3, c.createArrayOf("bigint", keys.stream().map(k -> deltas.get(k).allocatedCents()).toArray()));
                ps.setArray(4, c.createArrayOf("bigint", keys.stream().map(k -> deltas.get(k).committedCents()).toArray()));
                ps.setArray(5, c.createArrayOf("bigint", keys.stream().map(k -> deltas.get(k).disbursedCents()).toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Locks the totals rows of these fiches-actions in id order and returns them by id; a fiche-action's first
     * movement opens its row.
     */
    public Map<String, Totals.Action> lockActions(Collection<String> actionIds) {
        return sql(c -> {
            List<String> sorted = actionIds.stream().sorted().toList();
            Map<String, Totals.Action> out = lockActions(c, sorted);
            List<String> missing = sorted.stream().filter(id -> !out.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into action_totals (action_id) select * from unnest(?::text[])
                        on conflict (action_id) do nothing""")) {
                    ps.setArray(1, c.createArrayOf("text", missing.toArray()));
                    ps.executeUpdate();
                }
                out.putAll(lockActions(c, missing));
            }
            return out;
        });
    }

    private static Map<String, Totals.Action> lockActions(Connection c, List<String> ids) throws SQLException {
        Map<String, Totals.Action> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select action_id, committed_cents, disbursed_cents from action_totals
                where action_id = any(?) order by action_id for update""")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Totals.Action(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Moves locked fiche-action totals by their net deltas, by action id. */
    public void addToActions(Map<String, Totals.Action> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        sql(c -> {
            List<String> keys = new ArrayList<>(deltas.keySet());
            try (PreparedStatement ps = c.prepareStatement("""
                    update action_totals t set committed_cents = t.committed_cents + d.c,
                           disbursed_cents = t.disbursed_cents + d.d
                    from unnest(?::text[], ?::bigint[], ?::bigint[]) as d(k, c, d)
                    where t.action_id = d.k""")) {
                ps.setArray(1, c.createArrayOf("text", keys.toArray()));
                ps.setArray(2, c.createArrayOf("bigint", keys.stream().map(k -> deltas.get(k).committedCents()).toArray()));
                ps.setArray(3, c.createArrayOf("bigint", keys.stream().map(k -> deltas.get(k).disbursedCents()).toArray()));
                return ps.executeUpdate();
            }
        });
    }
}
