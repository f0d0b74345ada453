package fr.gouv.ti.commons.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.core.csv.CsvWriter;
import fr.gouv.ti.commons.core.paging.TimeKeyset;
import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code audit_log} that {@link AuditLog} writes: newest first, keyset pagination on {@code (at, id)},
 * filtered, and limited to what the caller may read:
 * <ul>
 * <li>the national administrator reads every row;</li>
 * <li>an operator the rows of its own writes (any of its API clients: the row's scope is its operator);</li>
 * <li>a region the rows about its territories (the row names the region) and its own writes; a row that concerns
 * no territory (the catalogue, a webhook subscription, a row written before issue 20) is not shown to it;</li>
 * <li>any other role is refused (403; anonymous callers 401).</li>
 * </ul>
 */
@ApplicationScoped
public class AuditTrail {

    /** CSV columns, in order. */
    public static final List<String> CSV_HEADER = List.of("id", "at", "actor", "client_name", "role", "scope", "action",
            "resource_type", "resource_id", "correlation_id", "request_hash", "territory", "region_codes");

    private static final String COLUMNS = """
            select id, occurred_at, actor, client_name, role, scope, action, resource_type, resource_id,
                   correlation_id, request_hash, territory, region_codes from audit_log""";

    private final AgroalDataSource dataSource;

    public AuditTrail(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Filters of a read; null means "any". {@code from} is inclusive, {@code to} exclusive. */
    public record Filter(String actor, String client, String correlationId, String action, String resourceType,
                         String resourceId, String territory, Instant from, Instant to) {
        public static final Filter NONE = new Filter(null, null, null, null, null, null, null, null, null);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @Schema(name = "AuditEntry", description = "One audited write: who (client id, name, role and scope), what "
            + "(action on a resource), when, under which correlation id, and which territory it concerns")
    public record AuditEntry(
            @Schema(description = "Position of the row in this service's audit log", example = "1042") long id,
            @Schema(description = "When the write's transaction started", example = "2026-12-06T09:30:00.123456Z") Instant at,
            @Schema(description = "The client that wrote: its API key id, OIDC subject or `system:<task>`",
                    example = "key_0123456789abcdef") String actor,
            @Schema(description = "The client's name, as its API key or token gave it", example = "Bpifrance SI") String clientName,
            @Schema(description = "The client's role", example = "operator",
                    enumeration = {"national-admin", "region", "operator", "territory-team"}) String role,
            @Schema(description = "The role's scope: `region:<code>`, `operator:<code>` or `territory:<phase>/<tiId>`; "
                    + "absent for the national level", example = "operator:BPIFRANCE") String scope,
            @Schema(description = "What was done", example = "funding.commit") String action,
            @Schema(description = "Kind of resource written", example = "ledger-transaction") String resourceType,
            @Schema(description = "Its id", example = "0b5f2c1e-8d1a-4a4f-9a57-3f0f8e2b9c11") String resourceId,
            @Schema(description = "Correlation id of the request (X-Correlation-ID)", example = "8c1f7f1e-2f9b-4d55-a6b1-6b0e0c1d2e3f") String correlationId,
            @Schema(description = "SHA-256 of the request (method, path and body), where the write has one") String requestHash,
            @Schema(description = "The territory the write concerns (`<phase>/<tiId>`), where known", example = "2019-2022/ti-8411") String territory,
            @Schema(description = "INSEE codes of the regions of that territory", example = "[\"84\"]") List<String> regionCodes) {
    }

    /** One page, newest first: at most {@code limit} entries and the cursor of the next page (null on the last). */
    public record Result(List<AuditEntry> items, String nextCursor) {
    }

    /**
     * A page of what the caller may read.
     *
     * @param cursor as a previous page gave it ({@code nextCursor}); a cursor that is not one is a 400 naming it
     * @param limit  1 to {@link Cursor#MAX_LIMIT}, {@link Cursor#DEFAULT_LIMIT} when null
     */
    public Result page(Caller caller, Filter filter, String cursor, Integer limit) {
        Where where = where(caller, filter);
        int n = Cursor.limit(limit);
        TimeKeyset after = position(cursor);
        if (after != null) {
            where.and("(occurred_at, id) < (?, ?)", OffsetDateTime.ofInstant(after.at(), ZoneOffset.UTC), after.id());
        }
        List<AuditEntry> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(COLUMNS + where.sql() + " order by occurred_at desc, id desc limit ?")) {
            int i = where.bind(ps);
            ps.setInt(i, n + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(entry(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
        if (items.size() <= n) {
            return new Result(items, null);
        }
        AuditEntry last = items.get(n - 1);
        return new Result(items.subList(0, n), new TimeKeyset(last.at(), last.id()).encode());
    }

    /**
     * Everything the caller may read that matches, newest first, as CSV ({@link #CSV_HEADER}), streamed from the
     * database: no page limit. Text cells are neutralised against spreadsheet formulas by {@link CsvWriter}.
     */
    public void csv(Caller caller, Filter filter, OutputStream out) throws IOException {
        Where where = where(caller, filter);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CsvWriter csv = new CsvWriter(w);
        csv.row(CSV_HEADER);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + where.sql() + " order by occurred_at desc, id desc")) {
                ps.setFetchSize(500);
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditEntry e = entry(rs);
                        csv.cell(e.id()).text(e.at().toString()).text(e.actor()).text(e.clientName()).text(e.role())
                                .text(e.scope()).text(e.action()).text(e.resourceType()).text(e.resourceId())
                                .text(e.correlationId()).text(e.requestHash()).text(e.territory())
                                .text(String.join(";", e.regionCodes())).end();
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    /** Checks the caller and the cursor before a response starts (a CSV is streamed after the resource returns). */
    public void check(Caller caller, String cursor) {
        visibility(caller);
        position(cursor);
    }

    private static TimeKeyset position(String cursor) {
        try {
            return TimeKeyset.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw Cursor.malformed();
        }
    }

    private static Where where(Caller caller, Filter f) {
        Where where = visibility(caller);
        where.andEquals("actor", f.actor());
        where.andEquals("client_name", f.client());
        where.andEquals("correlation_id", f.correlationId());
        where.andEquals("action", f.action());
        where.andEquals("resource_type", f.resourceType());
        where.andEquals("resource_id", f.resourceId());
        where.andEquals("territory", f.territory());
        if (f.from() != null) {
            where.and("occurred_at >= ?", OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.to() != null) {
            where.and("occurred_at < ?", OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
        }
        return where;
    }

    /** The rows a caller may read, as the first condition of the query; 401/403 for the others. */
    private static Where visibility(Caller caller) {
        caller.require(Role.NATIONAL_ADMIN, Role.REGION, Role.OPERATOR);
        Where where = new Where();
        switch (caller.role()) {
            case OPERATOR -> where.and("scope = ?", AuditLog.scopeOf(caller));
            case REGION -> where.and("(? = any(region_codes) or scope = ?)", caller.regionCode(), AuditLog.scopeOf(caller));
            default -> {
            }
        }
        return where;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        Array regions = rs.getArray(13);
        List<String> regionCodes = regions == null ? List.of() : Arrays.asList((String[]) regions.getArray());
        return new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), regionCodes);
    }

    /** A conjunction of conditions and their values, bound in order. */
    private static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> values = new ArrayList<>();

        void and(String condition, Object... bound) {
            sql.append(sql.isEmpty() ? " where " : " and ").append(condition);
            values.addAll(Arrays.asList(bound));
        }

        void andEquals(String column, String value) {
            if (value != null) {
                and(column + " = ?", value);
            }
        }

        String sql() {
            return sql.toString();
        }

        /** Binds the values; returns the index of the next parameter. */
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object v : values) {
                ps.setObject(i++, v);
            }
            return i;
        }
    }
}
