package fr.gouv.ti.funding.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/**
 * The convention de mobilisation an operator line's funding names (table operator_line_convention, V7): a reference
 * to measure-service's conventions, checked by its form only.
 */
@Singleton // Jdbc has no no-args constructor, so no client proxy
public class LineConventionRepository extends Jdbc {

    /** The form of a convention code, as measure-service gives them (CONV-2019-BDT). */
    public static final String CODE = "^CONV-[0-9]{4}-[A-Z0-9]+(-[A-Z0-9]+)*$";

    public LineConventionRepository(AgroalDataSource ds) {
        super(ds);
    }

    /** In the caller's transaction, with the LINE_FUNDED transaction it belongs to. */
    public void record(UUID txId, String operator, String conventionCode) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into operator_line_convention (tx_id, operator, convention_code) values (?, ?, ?)")) {
                ps.setObject(1, txId);
                ps.setString(2, operator);
                ps.setString(3, conventionCode);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<String> of(UUID txId) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select convention_code from operator_line_convention where tx_id = ?")) {
                ps.setObject(1, txId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
