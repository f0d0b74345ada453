package fr.gouv.ti.funding.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reference data as measure-service last published it (reference.published): operators and funding sources. */
@Singleton
public class ReferenceRepository extends Jdbc {

    public static final String OPERATOR = "OPERATOR";
    public static final String FUNDING_SOURCE = "FUNDING_SOURCE";

    /** One code of a snapshot: {@code canonical} is the code itself, or the operator an alias means. */
    public record Code(String kind, String code, String canonical, String name) {
    }

    public ReferenceRepository(AgroalDataSource ds) {
        super(ds);
    }

    /** The version held, 0 when no snapshot has arrived yet. */
    public int version() {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("select version from reference_version where id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /**
     * Replaces the codes with those of a snapshot, unless a snapshot of the same or a higher version is already held
     * (a redelivery or an older one arriving late). Returns true when replaced.
     */
    public boolean replace(int version, List<Code> codes) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into reference_version as r (id, version) values (1, ?)
                    on conflict (id) do update set version = excluded.version, updated_at = now()
                    where r.version < excluded.version""")) {
                ps.setInt(1, version);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from reference_code")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into reference_code (kind, code, canonical, name) values (?, ?, ?, ?) on conflict do nothing")) {
                for (Code code : codes) {
                    ps.setString(1, code.kind());
                    ps.setString(2, code.code());
                    ps.setString(3, code.canonical());
                    ps.setString(4, code.name());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    /** The current code that {@code code} means (itself, or the operator of an alias), if known. */
    public Optional<String> canonical(String kind, String code) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select canonical from reference_code where kind = ? and code = ?")) {
                ps.setString(1, kind);
                ps.setString(2, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The current codes of a kind (aliases left out), sorted. */
    public List<Code> current(String kind) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select kind, code, canonical, name from reference_code where kind = ? and code = canonical
                    order by code""")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Code> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Code(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                    return out;
                }
            }
        });
    }
}
