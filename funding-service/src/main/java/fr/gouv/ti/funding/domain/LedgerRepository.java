package fr.gouv.ti.funding.domain;

import fr.gouv.ti.commons.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

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

/**
 * SQL of the ledger. Plain JDBC on the transaction-enlisted connection: the locking statements are the point of
 * this service, so they are written out rather than left to an ORM.
 */
@ApplicationScoped
public class LedgerRepository {

    public static final long PROGRAMME_ID = 2;
    public static final long WORLD_ID = 1;

    private final AgroalDataSource ds;

    public LedgerRepository(AgroalDataSource ds) {
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
            case "23514":
                return ProblemException.conflict("ledger-invariant", "Ledger invariant",
                        "The ledger refused this movement: " + firstLine(e.getMessage()));
            case "23505":
                return ProblemException.conflict("duplicate", "Already exists",
                        "This movement conflicts with one already recorded: " + firstLine(e.getMessage()));
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

    // ---------------------------------------------------------------- accounts

    public Optional<Account> find(long id) {
        return sql(c -> one(c, "select " + Account.COLUMNS + " from account where id = ?", id));
    }

    public Optional<Account> findByCode(String code) {
        return sql(c -> one(c, "select " + Account.COLUMNS + " from account where code = ?", code));
    }

    public Optional<Account> line(String operator) {
        return findByCode(lineCode(operator));
    }

    public Optional<Account> allocation(String phase, String tiId, String measureCode, String operator) {
        return findByCode(allocationCode(phase, tiId, measureCode, operator));
    }

    public static String lineCode(String operator) {
        return "line:" + operator;
    }

    public static String sourceCode(String source) {
        return "source:" + source;
    }

    public static String allocationCode(String phase, String tiId, String measureCode, String operator) {
        return "allocation:" + phase + ":" + tiId + ":" + measureCode + ":" + operator;
    }

    public static String commitmentCode(long allocationId, String actionId) {
        return "commitment:" + allocationId + ":" + actionId;
    }

    public static String disbursedCode(long commitmentId) {
        return "disbursed:" + commitmentId;
    }

    /** Creates the account if it does not exist (idempotent on its code) and returns its id. */
    public long ensure(AccountKind kind, String code, Long parentId, String operator, String phase, String tiId,
                       String regionCode, String measureCode, String actionId) {
        return ensureAccount(kind, code, parentId, operator, phase, tiId, regionCode, measureCode, actionId)[0];
    }

    /** {id, 1 if this call created it else 0}: one round trip when the account exists (the common case). */
    public long[] ensureAccount(AccountKind kind, String code, Long parentId, String operator, String phase,
                                String tiId, String regionCode, String measureCode, String actionId) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from account where code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new long[]{rs.getLong(1), 0};
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into account (kind, level, code, parent_id, operator, phase, ti_id, region_code,
                                         measure_code, action_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing returning id""")) {
                ps.setString(1, kind.name());
                ps.setInt(2, kind.level);
                ps.setString(3, code);
                ps.setObject(4, parentId);
                ps.setString(5, operator);
                ps.setString(6, phase);
                ps.setString(7, tiId);
                ps.setString(8, regionCode);
                ps.setString(9, measureCode);
                ps.setString(10, actionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new long[]{rs.getLong(1), 1};
                    }
                }
            }
            // created concurrently by a transaction that committed meanwhile
            try (PreparedStatement ps = c.prepareStatement("select id from account where code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[]{rs.getLong(1), 0};
                }
            }
        });
    }

    public void describeCommitment(long commitmentId, String beneficiaryName, String beneficiarySiret,
                                   String decisionReference, String object) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update account set beneficiary_name = coalesce(?, beneficiary_name),
                                       beneficiary_siret = coalesce(?, beneficiary_siret),
                                       decision_reference = coalesce(decision_reference, ?),
                                       object = coalesce(object, ?)
                     where id = ?""")) {
                ps.setString(1, beneficiaryName);
                ps.setString(2, beneficiarySiret);
                ps.setString(3, decisionReference);
                ps.setString(4, object);
                ps.setLong(5, commitmentId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Locks the accounts (SELECT ... FOR NO KEY UPDATE, the lock an UPDATE of the balance takes anyway; unlike FOR
     * UPDATE it does not conflict with the KEY SHARE lock that inserting a child account takes on its parent, which
     * would deadlock two first commitments on one allocation) in one global order, parents before children then by id, so two
     * transactions never wait on each other in a cycle. Returns them by id.
     */
    public Map<Long, Account> lock(Collection<Long> ids) {
        return sql(c -> {
            Map<Long, Account> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select " + Account.COLUMNS
                    + " from account where id = any(?) order by level, id for no key update")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Account a = Account.of(rs);
                        out.put(a.id(), a);
                    }
                }
            }
            return out;
        });
    }

    public List<Account> list(String kind, String operator, String phase, String tiId, String regionCode,
                              String measureCode, String actionId, long afterId, int limit) {
        return list(kind, operator, phase, tiId, regionCode, measureCode, actionId, null, afterId, limit);
    }

    public List<Account> list(String kind, String operator, String phase, String tiId, String regionCode,
                              String measureCode, String actionId, java.time.OffsetDateTime updatedSince,
                              long afterId, int limit) {
        return sql(c -> {
            StringBuilder q = new StringBuilder("select " + Account.COLUMNS + " from account where id > ?");
            List<Object> args = new ArrayList<>();
            args.add(afterId);
            if (updatedSince != null) {
                q.append(" and updated_at >= ?");
                args.add(updatedSince);
            }
            filter(q, args, "kind", kind);
            filter(q, args, "operator", operator);
            filter(q, args, "phase", phase);
            filter(q, args, "ti_id", tiId);
            filter(q, args, "region_code", regionCode);
            filter(q, args, "measure_code", measureCode);
            filter(q, args, "action_id", actionId);
            q.append(" order by id limit ").append(limit);
            List<Account> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(q.toString())) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Account.of(rs));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- postings

    /** Inserts the transaction and its entries; returns it with its sequence number and recording time. */
    public LedgerTransaction insertTransaction(LedgerTransaction t, String correlationId) {
        return sql(c -> {
            long seq;
            java.time.Instant recordedAt;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into ledger_transaction (id, kind, effective_date, amount_cents, reason, reference,
                        reverses_tx, reversed_kind, operator, source_code, phase, ti_id, region_code, measure_code,
                        action_id, actor, correlation_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning seq, recorded_at""")) {
                ps.setObject(1, t.id());
                ps.setString(2, t.kind().name());
                ps.setDate(3, Date.valueOf(t.effectiveDate()));
                ps.setLong(4, t.amountCents());
                ps.setString(5, t.reason());
                ps.setString(6, t.reference());
                ps.setObject(7, t.reversesTx());
                ps.setString(8, t.reversedKind());
                ps.setString(9, t.operator());
                ps.setString(10, t.sourceCode());
                ps.setString(11, t.phase());
                ps.setString(12, t.tiId());
                ps.setString(13, t.regionCode());
                ps.setString(14, t.measureCode());
                ps.setString(15, t.actionId());
                ps.setString(16, t.actor());
                ps.setString(17, correlationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                    recordedAt = rs.getTimestamp(2).toInstant();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into ledger_entry (tx_id, account_id, side, amount_cents, effective_date)
                    values (?, ?, ?, ?, ?)""")) {
                for (Entry e : t.entries()) {
                    ps.setObject(1, t.id());
                    ps.setLong(2, e.accountId());
                    ps.setString(3, String.valueOf(e.side()));
                    ps.setLong(4, e.amountCents());
                    ps.setDate(5, Date.valueOf(t.effectiveDate()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new LedgerTransaction(seq, t.id(), t.kind(), t.effectiveDate(), recordedAt, t.amountCents(),
                    t.reason(), t.reference(), t.reversesTx(), t.reversedKind(), t.operator(), t.sourceCode(),
                    t.phase(), t.tiId(), t.regionCode(), t.measureCode(), t.actionId(), t.actor(), t.entries());
        });
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

    // ---------------------------------------------------------------- transactions

    private static final String TX_COLUMNS = """
            seq, id, kind, effective_date, recorded_at, amount_cents, reason, reference, reverses_tx, reversed_kind,
            operator, source_code, phase, ti_id, region_code, measure_code, action_id, actor""";

    public Optional<LedgerTransaction> findTransaction(UUID id) {
        return sql(c -> {
            LedgerTransaction t = null;
            try (PreparedStatement ps = c.prepareStatement("select " + TX_COLUMNS + " from ledger_transaction where id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        t = tx(rs);
                    }
                }
            }
            if (t == null) {
                return Optional.empty();
            }
            return Optional.of(t.withEntries(entries(c, List.of(id)).getOrDefault(id, List.of())));
        });
    }

    public Optional<UUID> reversalOf(UUID id) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from ledger_transaction where reverses_tx = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of((UUID) rs.getObject(1)) : Optional.empty();
                }
            }
        });
    }

    /** Journal in recording order, keyset-paginated on {@code seq}. */
    public List<LedgerTransaction> journal(LocalDate from, LocalDate to, String kind, String operator, String phase,
                                           String tiId, String regionCode, String actionId, long afterSeq, int limit) {
        return sql(c -> {
            StringBuilder q = new StringBuilder("select " + TX_COLUMNS + " from ledger_transaction where seq > ?");
            List<Object> args = new ArrayList<>();
            args.add(afterSeq);
            if (from != null) {
                q.append(" and effective_date >= ?");
                args.add(Date.valueOf(from));
            }
            if (to != null) {
                q.append(" and effective_date <= ?");
                args.add(Date.valueOf(to));
            }
            filter(q, args, "kind", kind);
            filter(q, args, "operator", operator);
            filter(q, args, "phase", phase);
            filter(q, args, "ti_id", tiId);
            filter(q, args, "region_code", regionCode);
            filter(q, args, "action_id", actionId);
            q.append(" order by seq limit ").append(limit);
            List<LedgerTransaction> txs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(q.toString())) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        txs.add(tx(rs));
                    }
                }
            }
            if (txs.isEmpty()) {
                return txs;
            }
            Map<UUID, List<Entry>> entries = entries(c, txs.stream().map(LedgerTransaction::id).toList());
            return txs.stream().map(t -> t.withEntries(entries.getOrDefault(t.id(), List.of()))).toList();
        });
    }

    private static Map<UUID, List<Entry>> entries(Connection c, List<UUID> ids) throws SQLException {
        Map<UUID, List<Entry>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select tx_id, account_id, side, amount_cents from ledger_entry where tx_id = any(?) order by id")) {
            Array arr = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent((UUID) rs.getObject(1), k -> new ArrayList<>())
                            .add(new Entry(rs.getLong(2), rs.getString(3).charAt(0), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private static LedgerTransaction tx(ResultSet rs) throws SQLException {
        return new LedgerTransaction(rs.getLong("seq"), (UUID) rs.getObject("id"),
                TransactionKind.valueOf(rs.getString("kind")), rs.getDate("effective_date").toLocalDate(),
                rs.getTimestamp("recorded_at").toInstant(), rs.getLong("amount_cents"), rs.getString("reason"),
                rs.getString("reference"), (UUID) rs.getObject("reverses_tx"), rs.getString("reversed_kind"),
                rs.getString("operator"), rs.getString("source_code"), rs.getString("phase"), rs.getString("ti_id"),
                rs.getString("region_code"), rs.getString("measure_code"), rs.getString("action_id"),
                rs.getString("actor"), List.of());
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
        filter(q, args, "a.region_code", regionCode);
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
                    String[] codes = (String[]) rs.getArray(8).getArray();
                    return Optional.of(new FundingAction(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), List.of(codes),
                            rs.getString(9)));
                }
            }
        });
    }

    /** Region of a territory as known from fiches-actions or earlier allocations, if any. */
    public Optional<String> knownRegion(String phase, String tiId) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select region_code from territory_totals where phase = ? and ti_id = ? and region_code <> ''
                    union all
                    select region_code from funding_action where phase = ? and ti_id = ? and region_code is not null
                    limit 1""")) {
                ps.setString(1, phase);
                ps.setString(2, tiId);
                ps.setString(3, phase);
                ps.setString(4, tiId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
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

    public void retireMeasure(String code) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update measure_ref set status = 'RETIRED', updated_at = now() where code = ?")) {
                ps.setString(1, code);
                return ps.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private static Optional<Account> one(Connection c, String q, Object arg) throws SQLException {
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
