package fr.gouv.ti.funding.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
/** Totals after a transaction, carried by events so projections can simply overwrite. */
public final class Totals {

    private Totals() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Territory(long allocatedCents, long committedCents, long disbursedCents) {

        public static final Territory ZERO = new Territory(0, 0, 0);

        public Territory plus(Territory d) {
            return new Territory(Math.addExact(allocatedCents, d.allocatedCents),
                    Math.addExact(committedCents, d.committedCents), Math.addExact(disbursedCents, d.disbursedCents));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(long committedCents, long disbursedCents) {

        public static final Action ZERO = new Action(0, 0);

        public Action plus(Action d) {
            return new Action(Math.addExact(committedCents, d.committedCents),
                    Math.addExact(disbursedCents, d.disbursedCents));
        }
    }

    /** A territory's totals row: its key ("phase/tiId", as events are keyed) and the region it is opened with. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(String phase, String tiId, String regionCode) {

        public String key() {
            return phase + "/" + tiId;
        }
    }
}
