package fr.gouv.ti.webhook;

import fr.gouv.ti.testsupport.TopicProbe;

import java.util.UUID;

/** Events as the four services publish them (CloudEvents in Kafka binary mode), sent to the real broker. */
final class Events {

    static final String PHASE = "2019-2022";

    private Events() {
    }

    static String send(String topic, String key, String type, String subject, String data) {
        String id = UUID.randomUUID().toString();
        sendWithId(id, topic, key, type, subject, data);
        return id;
    }

    static void sendWithId(String id, String topic, String key, String type, String subject, String data) {
        TopicProbe.send(topic, key, data, "ce_id", id, "ce_type", type, "ce_source", "/" + topic.split("\\.")[1]
                + "-service", "ce_subject", subject, "ce_specversion", "1.0", "ce_time", "2026-12-04T10:00:00Z",
                "ce_correlationid", "cid-" + id, "content-type", "application/json");
    }

    static String territory(String tiId, String region) {
        return send("ti.territory.v1", PHASE + "/" + tiId, "fr.gouv.ti.territory.labelled.v1", PHASE + "/" + tiId, """
                {"phase":"%s","tiId":"%s","name":"T %s","regionCode":"%s","status":"LABELLED"}"""
                .formatted(PHASE, tiId, tiId, region));
    }

    /** A territory whose perimeter reaches other regions than its lead: regions, lead first. */
    static String territory(String tiId, java.util.List<String> regions) {
        return send("ti.territory.v1", PHASE + "/" + tiId, "fr.gouv.ti.territory.labelled.v1", PHASE + "/" + tiId, """
                {"phase":"%s","tiId":"%s","name":"T %s","regionCode":"%s","regionCodes":["%s"],"status":"LABELLED"}"""
                .formatted(PHASE, tiId, tiId, regions.get(0), String.join("\",\"", regions)));
    }

    static String contract(String type, String contractId, String tiId, String region, String state) {
        return send("ti.contract.v1", contractId, type, contractId, """
                {"contractId":"%s","phase":"%s","tiId":"%s","regionCode":"%s","state":"%s","periodStart":"2019-01-01",
                 "periodEnd":"2022-12-31","effectiveDate":"2019-06-20","actionCount":1}"""
                .formatted(contractId, PHASE, tiId, region, state));
    }

    static String action(String actionId, String contractId, String tiId, String region, String operator) {
        return send("ti.contract.v1", contractId, "fr.gouv.ti.action.created.v1", "action/" + actionId, """
                {"actionId":"%s","contractId":"%s","phase":"%s","tiId":"%s","regionCode":"%s","title":"Usine",
                 "axis":"RECRUTER","measureCodes":["RECRUTER-01"],"status":"IDENTIFIED","estimatedCostCents":100,
                 "requestedFunding":[{"operator":"%s","amountCents":100}]}"""
                .formatted(actionId, contractId, PHASE, tiId, region, operator));
    }

    /** A funding movement; regionCode left out when null (funding-service may not know it). */
    static String funding(String type, String kind, String tiId, String region, String operator, String actionId,
                          long cents) {
        return send("ti.funding.v1", PHASE + "/" + tiId, type, PHASE + "/" + tiId, """
                {"transactionId":"%s","kind":"%s","effectiveDate":"2019-07-01","amountCents":%d,"operator":"%s",
                 "phase":"%s","tiId":"%s"%s,"measureCode":"RECRUTER-01","actionId":%s,
                 "territoryTotals":{"allocatedCents":0,"committedCents":0,"disbursedCents":0},"actionTotals":null}"""
                .formatted(UUID.randomUUID(), kind, cents, operator, PHASE, tiId,
                        region == null ? "" : ",\"regionCode\":\"" + region + "\"",
                        actionId == null ? "null" : "\"" + actionId + "\""));
    }
}
