package fr.gouv.ti.territory.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Communes (bulk-loaded with COPY) and the territories covering groupements, in plain JDBC. */
@ApplicationScoped
public class CommuneRepository {

    private final AgroalDataSource dataSource;

    public CommuneRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Commune> all() {
        List<Commune> out = new ArrayList<>(40_000);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select insee, name, siren, department_code, region_code, epci_siren, postal_codes, population
                from commune order by insee""")) {
            ps.setFetchSize(5_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pop = rs.getInt(8);
                    out.add(new Commune(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), List.of((String[]) rs.getArray(7).getArray()),
                            rs.wasNull() ? null : pop));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces every commune, in the caller's transaction (COPY: ~35,000 rows in a fraction of a second). */
    public void replaceAll(List<Commune> communes, java.util.function.Function<String, String> searchName) {
        StringBuilder csv = new StringBuilder(communes.size() * 80);
        for (Commune k : communes) {
            csv.append(k.insee()).append(',').append(quote(k.name())).append(',').append(k.siren()).append(',')
                    .append(k.departmentCode()).append(',').append(k.regionCode()).append(',')
                    .append(k.epciSiren() == null ? "" : k.epciSiren()).append(',')
                    .append("\"{").append(String.join(",", k.postalCodes())).append("}\",")
                    .append(k.population() == null ? "" : k.population().toString()).append(',')
                    .append(quote(searchName.apply(k.name()))).append('\n');
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("delete from commune")) {
                ps.executeUpdate();
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy commune (insee, name, siren, department_code, region_code, epci_siren, postal_codes,
                                  population, search_name) from stdin with (format csv)""",
                    new StringReader(csv.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /**
     * Territories whose perimeter holds one of these groupements: the current perimeters of labelled territories,
     * or (with {@code asOf}) the perimeters in force on that day, of territories labelled then.
     */
    public List<Coverage> coverage(Collection<String> sirens, LocalDate asOf) {
        if (sirens.isEmpty()) {
            return List.of();
        }
        String validity = asOf == null
                ? "m.valid_to is null and t.status = 'LABELLED'"
                : "m.valid_from <= ? and (m.valid_to is null or m.valid_to > ?)"
                  + " and (t.delabelled_on is null or t.delabelled_on > ?)";
        String sql = "select m.siren, m.name, m.nature, t.phase, t.ti_id, t.name, t.status"
                + " from territory_member m join territory t on t.id = m.territory_id"
                + " where m.siren = any(?) and " + validity + " order by t.phase, t.ti_id, m.siren";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", sirens.toArray()));
            if (asOf != null) {
                ps.setObject(2, asOf, Types.DATE);
                ps.setObject(3, asOf, Types.DATE);
                ps.setObject(4, asOf, Types.DATE);
            }
            List<Coverage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Coverage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of every groupement of the registry (its most recent membership), by SIREN. */
    public java.util.Map<String, String> groupementNames() {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select distinct on (siren) siren, coalesce(official_name, name) from territory_member
                order by siren, valid_from desc, id desc""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
