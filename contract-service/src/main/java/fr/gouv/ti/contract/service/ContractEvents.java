package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.events.CloudEvent;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.contract.domain.Contract;
import fr.gouv.ti.contract.domain.FicheAction;
import fr.gouv.ti.contract.domain.TransitionKind;

import java.time.LocalDate;
import java.util.List;

/** The events contract-service publishes on {@value #TOPIC} (key: the contract id). */
public final class ContractEvents {

    public static final String TOPIC = "ti.contract.v1";
    public static final String ACTION_CREATED = CloudEvent.type("action.created", 1);
    public static final String ACTION_UPDATED = CloudEvent.type("action.updated", 1);

    private ContractEvents() {
    }

    public record ContractPayload(String contractId, String phase, String tiId, String regionCode, String territoryName,
                                  String state, LocalDate periodStart, LocalDate periodEnd, LocalDate effectiveDate,
                                  long actionCount, String documentReference, Integer amendmentNumber) {
    }

    public record Funding(String operator, long amountCents) {
    }

    public record ActionPayload(String actionId, String contractId, String phase, String tiId, String regionCode,
                                String title, String axis, List<String> measureCodes, String status,
                                long estimatedCostCents, List<Funding> requestedFunding, String epciSiren,
                                LocalDate actionDate) {
    }

    public static String type(TransitionKind kind) {
        return CloudEvent.type(kind.eventName, 1);
    }

    public static OutgoingEvent transition(Contract c, TransitionKind kind, LocalDate effectiveDate,
                                           String documentReference, Integer amendmentNumber, long actionCount) {
        String key = c.id.toString();
        return new OutgoingEvent(TOPIC, type(kind), "contract", key, key,
                new ContractPayload(key, c.phase, c.tiId, c.regionCode, c.territoryName, c.state.name(),
                        c.periodStart, c.periodEnd, effectiveDate, actionCount, documentReference, amendmentNumber));
    }

    public static OutgoingEvent action(String type, Contract c, FicheAction a, List<Funding> funding) {
        String key = c.id.toString();
        return new OutgoingEvent(TOPIC, type, "contract", key, "action/" + a.id,
                new ActionPayload(a.id.toString(), key, c.phase, c.tiId, c.regionCode, a.title, a.axis, a.measures(),
                        a.status.name(), a.estimatedCostCents, funding, a.epciSiren, a.actionDate));
    }
}
