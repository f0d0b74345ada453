package fr.gouv.ti.funding.domain;

import java.util.List;

/**
 * What a region sees of the ledger, as a SQL condition: the rows booked in it (a territory's lead region) and those
 * of a territory whose perimeter reaches it, as the registry publishes it (territory_ref), so that both regions of a
 * territory that straddles two see its money. One place for the repositories and the exports.
 */
public final class RegionScope {

    private RegionScope() {
    }

    /** Appends the condition for the table (alias) of the query, which has phase, ti_id and region_code columns. */
    public static void append(StringBuilder q, List<Object> args, String table, String region) {
        if (region != null && !region.isBlank()) {
            q.append(" and (").append(table).append(".region_code = ? or exists (select 1 from territory_ref r")
                    .append(" where r.phase = ").append(table).append(".phase and r.ti_id = ").append(table)
                    .append(".ti_id and ? = any(r.region_codes)))");
            args.add(region);
            args.add(region);
        }
    }
}
