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

/**
 * Accounts of the ledger: their codes, creation, the locks taken on them in one global order, and listings.
 * Balances are moved only by the entries (see the trigger of V4), never written here.
 */
@Singleton // no client proxy: called many times per request, and Jdbc has no no-args constructor
public class AccountRepository extends Jdbc {

    public AccountRepository(AgroalDataSource ds) {
        super(ds);
    }

    public static final long PROGRAMME_ID = 2;
    public static final long WORLD_ID = 1;

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

    /**
     * The source line of a funding source, created on first use (under the programme) for a source that
     * measure-service published after this ledger was set up; the three of the 2018 announcement exist from V1.
     */
    public Account ensureSource(String source) {
        String code = sourceCode(source);
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into account (kind, level, code, parent_id, source_code) values (?, ?, ?, ?, ?)
                    on conflict (code) do nothing""")) {
                ps.setString(1, AccountKind.SOURCE.name());
                ps.setInt(2, AccountKind.SOURCE.level);
                ps.setString(3, code);
                ps.setLong(4, PROGRAMME_ID);
                ps.setString(5, source);
                return ps.executeUpdate();
            }
        });
        return findByCode(code).orElseThrow();
    }

    /** Creates the account if it does not exist (idempotent on its code) and returns its id. */
    public long ensure(AccountKind kind, String code, Long parentId, String operator, String phase, String tiId,
                       String regionCode, String measureCode, String actionId) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from account where code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
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
                        return rs.getLong(1);
                    }
                }
            }
            // created concurrently by a transaction that committed meanwhile
            try (PreparedStatement ps = c.prepareStatement("select id from account where code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
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
            RegionScope.append(q, args, "account", regionCode);
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

    // ---------------------------------------------------------------- set-based, for the batch writer

    /** Locks the accounts with these codes in the global order (level, then id); returns them by code. */
    public Map<String, Account> lockByCodes(Collection<String> codes) {
        return sql(c -> {
            Map<String, Account> out = new LinkedHashMap<>();
            if (codes.isEmpty()) {
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement("select " + Account.COLUMNS
                    + " from account where code = any(?) order by level, id for no key update")) {
                ps.setArray(1, c.createArrayOf("text", codes.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Account a = Account.of(rs);
                        out.put(a.code(), a);
                    }
                }
            }
            return out;
        });
    }

    /** An account to open, with the SCDL description of a commitment where it is one. */
    public record NewAccount(AccountKind kind, String code, long parentId, String operator, String phase, String tiId,
                             String regionCode, String measureCode, String actionId, String beneficiaryName,
                             String beneficiarySiret, String decisionReference, String object, String instrument) {
    }

    /**
     * Opens the accounts in one statement and returns their ids by code. The caller holds the lock of every parent,
     * so no other transaction can be opening the same codes: a conflict here is a bug, and fails the batch.
     */
    public Map<String, Long> openAll(List<NewAccount> accounts) {
        return sql(c -> {
            Map<String, Long> out = new HashMap<>();
            if (accounts.isEmpty()) {
                return out;
            }
            int n = accounts.size();
            String[][] t = new String[13][n];
            Long[] parents = new Long[n];
            Integer[] levels = new Integer[n];
            for (int i = 0; i < n; i++) {
                NewAccount a = accounts.get(i);
                t[0][i] = a.kind().name();
                t[1][i] = a.code();
                t[2][i] = a.operator();
                t[3][i] = a.phase();
                t[4][i] = a.tiId();
                t[5][i] = a.regionCode();
                t[6][i] = a.measureCode();
                t[7][i] = a.actionId();
                t[8][i] = a.beneficiaryName();
                t[9][i] = a.beneficiarySiret();
                t[10][i] = a.decisionReference();
                t[11][i] = a.object();
                t[12][i] = a.instrument();
                parents[i] = a.parentId();
                levels[i] = a.kind().level;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into account (kind, level, code, parent_id, operator, phase, ti_id, region_code,
                                         measure_code, action_id, beneficiary_name, beneficiary_siret,
                                         decision_reference, object, instrument)
                    select kind, level, code, parent_id, operator, phase, ti_id, region_code, measure_code,
                           action_id, beneficiary_name, beneficiary_siret, decision_reference, object, instrument
                    from unnest(?::text[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         with ordinality as a(kind, level, code, parent_id, operator, phase, ti_id, region_code,
                                              measure_code, action_id, beneficiary_name, beneficiary_siret,
                                              decision_reference, object, instrument, ord)
                    order by ord
                    returning id, code""")) {
                ps.setArray(1, c.createArrayOf("text", t[0]));
                ps.setArray(2, c.createArrayOf("int4", levels));
                ps.setArray(3, c.createArrayOf("text", t[1]));
                ps.setArray(4, c.createArrayOf("bigint", parents));
                for (int k = 2; k < 13; k++) {
                    ps.setArray(k + 3, c.createArrayOf("text", t[k]));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(2), rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** A change to the SCDL description of a commitment (nulls keep what is there). */
    public record Description(long commitmentId, String beneficiaryName, String beneficiarySiret,
                              String decisionReference, String object, String instrument) {
    }

    /**
     * Describes commitments in one statement: the beneficiary as last given, the decision reference and object as
     * first given (nulls keep what is there). Rows it would not change are not written.
     */
    public void describeAll(List<Description> descriptions) {
        if (descriptions.isEmpty()) {
            return;
        }
        sql(c -> {
            int n = descriptions.size();
            Long[] ids = new Long[n];
            String[][] t = new String[5][n];
            for (int i = 0; i < n; i++) {
                Description d = descriptions.get(i);
                ids[i] = d.commitmentId();
                t[0][i] = d.beneficiaryName();
                t[1][i] = d.beneficiarySiret();
                t[2][i] = d.decisionReference();
                t[3][i] = d.object();
                t[4][i] = d.instrument();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update account a set beneficiary_name = coalesce(d.name, a.beneficiary_name),
                                         beneficiary_siret = coalesce(d.siret, a.beneficiary_siret),
                                         decision_reference = coalesce(a.decision_reference, d.ref),
                                         object = coalesce(a.object, d.object),
                                         instrument = coalesce(a.instrument, d.instrument)
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         as d(id, name, siret, ref, object, instrument)
                    where a.id = d.id
                      and (d.name is not null and d.name is distinct from a.beneficiary_name
                           or d.siret is not null and d.siret is distinct from a.beneficiary_siret
                           or a.decision_reference is null and d.ref is not null
                           or a.object is null and d.object is not null
                           or a.instrument is null and d.instrument is not null)""")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                for (int k = 0; k < 5; k++) {
                    ps.setArray(k + 2, c.createArrayOf("text", t[k]));
                }
                return ps.executeUpdate();
            }
        });
    }
}
