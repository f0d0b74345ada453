package fr.gouv.ti.territory.service;

import fr.gouv.ti.commons.events.CloudEvent;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.territory.domain.Territory;

/** The events territory-service publishes on {@value #TOPIC}. */
public final class TerritoryEvents {

    public static final String TOPIC = "ti.territory.v1";
    public static final String LABELLED = CloudEvent.type("territory.labelled", 1);

    private TerritoryEvents() {
    }

    public record TerritoryPayload(String phase, String tiId, String name, String regionCode, String status) {
    }

    public static OutgoingEvent labelled(Territory t) {
        return new OutgoingEvent(TOPIC, LABELLED, "territory", key(t), key(t),
                new TerritoryPayload(t.phase, t.tiId, t.name, t.regionCode, t.status));
    }

    /** Kafka key and CloudEvents subject: {@code 2019-2022/ti-8411}. */
    public static String key(Territory t) {
        return t.phase + "/" + t.tiId;
    }
}
