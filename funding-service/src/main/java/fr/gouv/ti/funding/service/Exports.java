package fr.gouv.ti.funding.service;


import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.commons.core.csv.CsvWriter;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.funding.config.OpenDataConfig;
import fr.gouv.ti.funding.domain.Instrument;
import fr.gouv.ti.funding.domain.ReferenceRepository;
import fr.gouv.ti.funding.domain.RegionScope;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CSV exports, streamed from a server-side cursor (constant memory whatever the size of the ledger), comma or
 * semicolon separated ({@link CsvWriter}: the semicolon variant is the one for spreadsheets).
 */
@ApplicationScoped
public class Exports {

    /** Columns of the SCDL "Subventions" schema v2.1.1, in its order. */
    public static final List<String> SCDL_COLUMNS = ScdlSubvention.COLUMNS;

    public static final List<String> JOURNAL_COLUMNS = List.of("seq", "transactionId", "kind", "effectiveDate",
            "recordedAt", "transactionAmountCents", "operator", "sourceCode", "phase", "tiId", "regionCode",
            "measureCode", "actionId", "reversesTransactionId", "reason", "reference", "actor", "accountId",
            "accountCode", "side", "entryAmountCents");

    private final AgroalDataSource ds;
    private final OpenDataConfig openData;
    private final ReferenceRepository reference;

    public Exports(AgroalDataSource ds, OpenDataConfig openData, ReferenceRepository reference) {
        this.ds = ds;
        this.openData = openData;
        this.reference = reference;
    }

    /**
     * The subsidies (grants and engineering credits) as SCDL Subventions rows, one per commitment. Loans, equity and
     * guarantees are not subsidies and are not in this file.
     */
    public void commitments(OutputStream out, CsvSeparator separator, String phase, String operator, String regionCode) {
        StringBuilder q = new StringBuilder("""
                select c.id, c.operator, c.phase, c.decision_reference, c.beneficiary_name, c.beneficiary_siret,
                       c.object, c.instrument, c.inflow_cents, c.measure_code, m.title as measure_title,
                       (select min(t.effective_date) from ledger_transaction t
                         where t.kind = 'COMMITTED' and t.action_id = c.action_id and t.operator = c.operator
                           and t.measure_code = c.measure_code and t.phase = c.phase and t.ti_id = c.ti_id) as date_convention,
                       d.first_paid, d.last_paid, d.payments
                from account c
                left join measure_ref m on m.code = c.measure_code
                left join lateral (select min(e.effective_date) first_paid, max(e.effective_date) last_paid,
                                          count(*) filter (where e.amount_cents > 0) payments
                                   from ledger_entry e join account x on x.id = e.account_id
                                   where x.parent_id = c.id and x.kind = 'DISBURSED') d on true
                where c.kind = 'COMMITMENT' and (c.instrument is null or c.instrument in ('GRANT', 'ENGINEERING_CREDIT'))""");
        List<Object> args = new ArrayList<>();
        filter(q, args, "c.phase", phase);
        filter(q, args, "c.operator", operator);
        RegionScope.append(q, args, "c", regionCode);
        q.append(" order by c.id");
        // the attribuant of a grant: the operator's official name as measure-service publishes it
        Map<String, String> names = new java.util.HashMap<>();
        reference.current(ReferenceRepository.OPERATOR).forEach(c -> names.put(c.code(), c.name()));
        stream(out, separator, q.toString(), args, SCDL_COLUMNS, rs -> {
            String op = rs.getString("operator");
            return new ScdlSubvention(rs.getLong("id"), java.util.Objects.requireNonNullElse(names.get(op), op),
                    openData.operatorSiret().get(op), rs.getString("beneficiary_name"),
                    rs.getString("beneficiary_siret"), date(rs, "date_convention"), rs.getString("decision_reference"),
                    rs.getString("measure_code"), rs.getString("measure_title"), rs.getString("object"),
                    Instrument.of(rs.getString("instrument")),
                    new java.math.BigDecimal(Money.format(rs.getLong("inflow_cents"))), date(rs, "first_paid"),
                    date(rs, "last_paid"), rs.getLong("payments"), rs.getString("phase")).cells();
        });
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    public void journal(OutputStream out, CsvSeparator separator, Caller caller, LocalDate from, LocalDate to,
                        String operator) {
        Reports.Scope s = Reports.scope(caller);
        StringBuilder q = new StringBuilder("""
                select t.seq, t.id, t.kind, t.effective_date, t.recorded_at, t.amount_cents, t.operator,
                       t.source_code, t.phase, t.ti_id, t.region_code, t.measure_code, t.action_id, t.reverses_tx,
                       t.reason, t.reference, t.actor, e.account_id, a.code, e.side, e.amount_cents as entry_amount
                from ledger_transaction t join ledger_entry e on e.tx_id = t.id join account a on a.id = e.account_id
                where true""");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            q.append(" and t.effective_date >= ?");
            args.add(Date.valueOf(from));
        }
        if (to != null) {
            q.append(" and t.effective_date <= ?");
            args.add(Date.valueOf(to));
        }
        filter(q, args, "t.operator", s.operator() != null ? s.operator() : operator);
        RegionScope.append(q, args, "t", s.region());
        filter(q, args, "t.phase", s.phase());
        filter(q, args, "t.ti_id", s.tiId());
        q.append(" order by t.seq, e.id");
        stream(out, separator, q.toString(), args, JOURNAL_COLUMNS, rs -> {
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= 21; i++) {
                Object v = rs.getObject(i);
                // seq and the amounts are numbers (negative entries stay numbers); the rest is text
                row.add(v == null ? "" : v instanceof java.sql.Timestamp ts ? ts.toInstant().toString()
                        : v instanceof Number ? v : v.toString());
            }
            return row;
        });
    }

    /** One row of cells: a {@link Number} is written as a number, anything else as (neutralised) text. */
    interface Row {
        List<?> of(ResultSet rs) throws SQLException;
    }

    private void stream(OutputStream out, CsvSeparator separator, String sql, List<Object> args, List<String> header,
                        Row row) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                CsvWriter csv = new CsvWriter(w, separator);
                csv.row(header);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (Object cell : row.of(rs)) {
                            csv.cell(cell);
                        }
                        csv.end();
                    }
                }
                w.flush();
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void filter(StringBuilder q, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            q.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
