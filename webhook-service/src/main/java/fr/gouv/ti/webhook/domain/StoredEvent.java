package fr.gouv.ti.webhook.domain;

import java.time.Instant;

/**
 * An event as received from one of the four topics, with what visibility and filters need: the territory
 * (phase, tiId, its region), the contract, the operator of a funding movement.
 */
public record StoredEvent(String id, String type, String source, String subject, String time, String correlationId,
                          String topic, String aggregateKey, String data, String phase, String tiId,
                          String regionCode, String contractId, String operatorCode, Instant receivedAt) {

    public boolean isOpenData() {
        return "ti.measure.v1".equals(topic);
    }
}
