package fr.gouv.ti.funding.domain;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One account of the ledger with its maintained balance (inflow from its parent, outflow to its children). */
public record Account(long id, AccountKind kind, String code, Long parentId, String operator, String sourceCode,
                      String phase, String tiId, String regionCode, String measureCode, String actionId,
                      String beneficiaryName, String beneficiarySiret, String decisionReference, String object,
                      String instrument, long inflowCents, long outflowCents) {

    static final String COLUMNS = """
            id, kind, code, parent_id, operator, source_code, phase, ti_id, region_code, measure_code, action_id,
            beneficiary_name, beneficiary_siret, decision_reference, object, instrument, inflow_cents, outflow_cents""";

    static Account of(ResultSet rs) throws SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        return new Account(rs.getLong("id"), AccountKind.valueOf(rs.getString("kind")), rs.getString("code"), parentId,
                rs.getString("operator"), rs.getString("source_code"), rs.getString("phase"), rs.getString("ti_id"),
                rs.getString("region_code"), rs.getString("measure_code"), rs.getString("action_id"),
                rs.getString("beneficiary_name"), rs.getString("beneficiary_siret"),
                rs.getString("decision_reference"), rs.getString("object"), rs.getString("instrument"),
                rs.getLong("inflow_cents"), rs.getLong("outflow_cents"));
    }

    public long availableCents() {
        return inflowCents - outflowCents;
    }

    public Account withFlows(long inflow, long outflow) {
        return new Account(id, kind, code, parentId, operator, sourceCode, phase, tiId, regionCode, measureCode,
                actionId, beneficiaryName, beneficiarySiret, decisionReference, object, instrument, inflow, outflow);
    }
}
