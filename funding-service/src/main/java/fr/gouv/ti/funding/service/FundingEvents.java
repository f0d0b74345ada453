package fr.gouv.ti.funding.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.events.CloudEvent;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;

import java.time.LocalDate;

/** The events funding-service publishes on {@value #TOPIC}, keyed by territory {@code <phase>/<tiId>}. */
public final class FundingEvents {

    public static final String TOPIC = "ti.funding.v1";
    public static final String ALLOCATED = CloudEvent.type("funding.allocated", 1);
    public static final String COMMITTED = CloudEvent.type("funding.committed", 1);
    public static final String DISBURSED = CloudEvent.type("funding.disbursed", 1);
    public static final String CANCELLED = CloudEvent.type("funding.cancelled", 1);
    public static final String REVERSED = CloudEvent.type("funding.reversed", 1);

    private FundingEvents() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FundingPayload(String transactionId, String kind, LocalDate effectiveDate, long amountCents,
                                 String operator, String phase, String tiId, String regionCode, String measureCode,
                                 String actionId, String reason, String reversesTransactionId, String reversedKind,
                                 Totals.Territory territoryTotals, Totals.Action actionTotals) {
    }

    /** The event of a posted transaction, or null for movements above territories (source and operator lines). */
    public static OutgoingEvent of(Posted p) {
        LedgerTransaction t = p.transaction();
        if (t.phase() == null || t.tiId() == null) {
            return null;
        }
        String type = switch (t.kind()) {
            case ALLOCATED -> ALLOCATED;
            case COMMITTED -> COMMITTED;
            case DISBURSED -> DISBURSED;
            case CANCELLED -> CANCELLED;
            case REVERSAL -> REVERSED;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        String key = t.phase() + "/" + t.tiId();
        return new OutgoingEvent(TOPIC, type, "territory", key, key, new FundingPayload(t.id().toString(),
                t.kind().name(), t.effectiveDate(), t.amountCents(), t.operator(), t.phase(), t.tiId(),
                t.regionCode(), t.measureCode(), t.actionId(), t.reason(),
                t.reversesTx() == null ? null : t.reversesTx().toString(), t.reversedKind(), p.territoryTotals(),
                p.actionTotals()));
    }
}
