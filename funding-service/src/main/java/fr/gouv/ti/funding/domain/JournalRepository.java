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

/** The journal: ledger transactions and their immutable entries, written and read. */
@Singleton // no client proxy: called many times per request, and Jdbc has no no-args constructor
public class JournalRepository extends Jdbc {

    public JournalRepository(AgroalDataSource ds) {
        super(ds);
    }

    

    /** Inserts the transaction and its entries; returns it with its sequence number and recording time. */
    public LedgerTransaction insertTransaction(LedgerTransaction t, String correlationId) {
        return insertAll(List.of(t), java.util.Collections.singletonList(correlationId)).get(0);
    }

    /**
     * Inserts transactions and all their entries in two statements, in list order (which is journal order: the
     * sequence numbers follow it). Every transaction's entries go in the one entry statement, as the double-entry
     * trigger requires. Returns the transactions with their sequence numbers and recording times.
     */
    public List<LedgerTransaction> insertAll(List<LedgerTransaction> txs, List<String> correlationIds) {
        return sql(c -> {
            int n = txs.size();
            String[][] t = new String[15][n];
            Long[] amounts = new Long[n];
            int entryCount = txs.stream().mapToInt(x -> x.entries().size()).sum();
            String[] entryTx = new String[entryCount];
            Long[] entryAccount = new Long[entryCount];
            String[] entrySide = new String[entryCount];
            Long[] entryAmount = new Long[entryCount];
            String[] entryDate = new String[entryCount];
            int e = 0;
            for (int i = 0; i < n; i++) {
                LedgerTransaction x = txs.get(i);
                t[0][i] = x.id().toString();
                t[1][i] = x.kind().name();
                t[2][i] = x.effectiveDate().toString();
                t[3][i] = x.reason();
                t[4][i] = x.reference();
                t[5][i] = x.reversesTx() == null ? null : x.reversesTx().toString();
                t[6][i] = x.reversedKind();
                t[7][i] = x.operator();
                t[8][i] = x.sourceCode();
                t[9][i] = x.phase();
                t[10][i] = x.tiId();
                t[11][i] = x.regionCode();
                t[12][i] = x.measureCode();
                t[13][i] = x.actionId();
                t[14][i] = x.actor();
                amounts[i] = x.amountCents();
                for (Entry en : x.entries()) {
                    entryTx[e] = t[0][i];
                    entryAccount[e] = en.accountId();
                    entrySide[e] = String.valueOf(en.side());
                    entryAmount[e] = en.amountCents();
                    entryDate[e] = t[2][i];
                    e++;
                }
            }
            Map<String, Object[]> recorded = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into ledger_transaction (id, kind, effective_date, amount_cents, reason, reference,
                        reverses_tx, reversed_kind, operator, source_code, phase, ti_id, region_code, measure_code,
                        action_id, actor, correlation_id)
                    select id::uuid, kind, effective_date::date, amount_cents, reason, reference, reverses_tx::uuid,
                           reversed_kind, operator, source_code, phase, ti_id, region_code, measure_code, action_id,
                           actor, correlation_id
                    from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[])
                         with ordinality as t(id, kind, effective_date, amount_cents, reason, reference,
                                              reverses_tx, reversed_kind, operator, source_code, phase, ti_id,
                                              region_code, measure_code, action_id, actor, correlation_id, ord)
                    order by ord
                    returning id, seq, recorded_at""")) {
                ps.setArray(1, c.createArrayOf("text", t[0]));
                ps.setArray(2, c.createArrayOf("text", t[1]));
                ps.setArray(3, c.createArrayOf("text", t[2]));
                ps.setArray(4, c.createArrayOf("bigint", amounts));
                for (int k = 3; k < 15; k++) {
                    ps.setArray(k + 2, c.createArrayOf("text", t[k]));
                }
                ps.setArray(17, c.createArrayOf("text", correlationIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        recorded.put(rs.getString(1), new Object[]{rs.getLong(2), rs.getTimestamp(3).toInstant()});
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into ledger_entry (tx_id, account_id, side, amount_cents, effective_date)
                    select tx_id::uuid, account_id, side, amount_cents, effective_date::date
                    from unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                         with ordinality as e(tx_id, account_id, side, amount_cents, effective_date, ord)
                    order by ord""")) {
                ps.setArray(1, c.createArrayOf("text", entryTx));
                ps.setArray(2, c.createArrayOf("bigint", entryAccount));
                ps.setArray(3, c.createArrayOf("text", entrySide));
                ps.setArray(4, c.createArrayOf("bigint", entryAmount));
                ps.setArray(5, c.createArrayOf("text", entryDate));
                ps.executeUpdate();
            }
            List<LedgerTransaction> out = new ArrayList<>(n);
            for (LedgerTransaction x : txs) {
                Object[] r = recorded.get(x.id().toString());
                out.add(new LedgerTransaction((Long) r[0], x.id(), x.kind(), x.effectiveDate(), (java.time.Instant) r[1],
                        x.amountCents(), x.reason(), x.reference(), x.reversesTx(), x.reversedKind(), x.operator(),
                        x.sourceCode(), x.phase(), x.tiId(), x.regionCode(), x.measureCode(), x.actionId(), x.actor(),
                        x.entries()));
            }
            return out;
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
            RegionScope.append(q, args, "ledger_transaction", regionCode);
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
}
