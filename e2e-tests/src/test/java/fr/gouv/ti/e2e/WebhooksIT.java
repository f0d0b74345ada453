package fr.gouv.ti.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments;
import fr.gouv.ti.e2e.webhooks.Receiver;
import fr.gouv.ti.e2e.webhooks.Verifier;
import fr.gouv.ti.localstack.LocalStack;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static fr.gouv.ti.e2e.Programme.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * A region's IT subscribes a real HTTP receiver on this machine through the gateway; the programme story runs on
 * one of its territories and on a territory of another region. The receiver gets the contract, fiche-action and
 * funding events of its own territory only, each once, in order per aggregate, every signature verified by an
 * implementation of the Standard Webhooks specification that shares nothing with the suite. The receiver answers 503,
 * then not at all (timeouts), then recovers: everything arrives. Then webhook-service is killed (kill -9) while a
 * delivery is in flight and events are published meanwhile: after its restart nothing is missing.
 */
@ExtendWith(ResponsesMatchTheDocuments.class)
class WebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENTUALLY = Duration.ofSeconds(180);
    private static final String TI = "ti-8403";
    private static final String OTHER_TI = "ti-5302";
    private static final String EPCIS = "[\"200070555\",\"200071751\"]";
    private static final String OTHER_EPCIS = "[\"200039022\",\"200070688\",\"200072452\",\"243500634\",\"243500659\"]";

    @Test
    void aRegionReceivesItsTerritorysEventsSignedInOrderThroughFailuresAndACrash() throws Exception {
        LocalStack stack = Suite.stack();
        String region = Suite.issueKey("Région Auvergne-Rhône-Alpes (webhooks)", "region", "\"regionCode\":\"84\"");
        String otherRegion = Suite.issueKey("Région Bretagne (webhooks)", "region", "\"regionCode\":\"53\"");
        String team = Suite.issueKey("Equipe Bourg-en-Bresse", "territory-team",
                "\"phase\":\"2019-2022\",\"tiId\":\"" + TI + "\"");
        String otherTeam = Suite.issueKey("Equipe Fougères - Vitré", "territory-team",
                "\"phase\":\"2019-2022\",\"tiId\":\"" + OTHER_TI + "\"");
        String ademe = Suite.issueKey("ADEME SI (webhooks)", "operator", "\"operatorCode\":\"ADEME\"");
        Programme.ensurePicSource();
        write(Suite.asAdmin(), "POST", "/api/v1/funding/operator-lines",
                "{\"operator\":\"ADEME\",\"sourceCode\":\"PIC\",\"amountCents\":100000000,\"effectiveDate\":\"2019-03-05\"}")
                .statusCode(201);

        try (Receiver receiver = new Receiver()) {
            // refused: anonymous, an unknown event type; nothing is stored
            Suite.anonymous().contentType("application/json")
                    .body("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"fr.gouv.ti.contract.*\"]}")
                    .post("/api/v1/webhooks/subscriptions").then().statusCode(401)
                    .contentType("application/problem+json");
            Suite.withKey(region).contentType("application/json")
                    .body("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"fr.gouv.ti.contract.burnt.v1\"]}")
                    .post("/api/v1/webhooks/subscriptions").then().statusCode(422)
                    .contentType("application/problem+json");

            Response created = Suite.withKey(region).contentType("application/json").body("""
                            {"url":"%s","description":"SI contrats AURA",
                             "eventTypes":["fr.gouv.ti.contract.*","fr.gouv.ti.action.*","fr.gouv.ti.funding.*"]}"""
                            .formatted(receiver.url())).post("/api/v1/webhooks/subscriptions");
            created.then().statusCode(201).body("secret", startsWith("whsec_"));
            String subscription = created.path("subscription.id");
            Verifier verifier = new Verifier(created.path("secret"));
            // another region does not see it
            Suite.withKey(otherRegion).get("/api/v1/webhooks/subscriptions/" + subscription).then().statusCode(404);

            // the receiver is down for a while: 503 four times, then no answer twice (timeouts), then it recovers
            receiver.answer(n -> n <= 4 ? 503 : n <= 6 ? Receiver.HANG : 200);
            Instant start = Instant.now().minusSeconds(1);
            String contract = Programme.openContract(region, TI);
            String otherContract = Programme.openContract(otherRegion, OTHER_TI);
            Programme.transition(region, contract, "protocol-signature", """
                    {"effectiveDate":"2019-07-04","documentReference":"PROTOCOLE-TI-8403",
                     "signatories":{"epcis":%s,"region":"84"}}""".formatted(EPCIS)).statusCode(200);
            Programme.transition(otherRegion, otherContract, "protocol-signature", """
                    {"effectiveDate":"2019-07-04","documentReference":"PROTOCOLE-TI-5302",
                     "signatories":{"epcis":%s,"region":"53"}}""".formatted(OTHER_EPCIS)).statusCode(200);
            String action = Programme.action(team, contract, "Plateforme logistique", "ATTIRER", "ATTIRER-01",
                    "2020-02-03", 10_000_000, "CA du Bassin de Bourg-en-Bresse", "200071751");
            String otherAction = Programme.action(otherTeam, otherContract, "Atelier partagé", "ATTIRER", "ATTIRER-01",
                    "2020-02-03", 10_000_000, "CA Vitré Communauté", "200039022");
            allocate(ademe, TI, "84");
            allocate(ademe, OTHER_TI, "53");
            Programme.commit(ademe, action, "ATTIRER-01", 400_000);
            Programme.commit(ademe, otherAction, "ATTIRER-01", 400_000);

            Map<String, List<String>> expected = expected(contract, start);
            awaitAll(receiver, expected);
            assertThat(receiver.requests()).as("the 503s and the timeouts were retried")
                    .isGreaterThan(receiver.accepted().size() + 5);
            checkReceived(receiver, verifier, expected, contract, otherContract);
            List<String> outcomes = new ArrayList<>();
            for (Integer id : Suite.withKey(region).get("/api/v1/webhooks/subscriptions/" + subscription
                    + "/deliveries?limit=500").then().statusCode(200).extract().<List<Integer>>path(
                    "items.findAll { it.attempts > 1 }.id")) {
                outcomes.addAll(Suite.withKey(region).get("/api/v1/webhooks/subscriptions/" + subscription
                        + "/deliveries/" + id).then().statusCode(200).extract().<List<String>>path("attemptLog.outcome"));
            }
            assertThat(outcomes).contains("HTTP_ERROR", "TIMEOUT", "DELIVERED");

            // kill -9 of webhook-service while a delivery is in flight; events are published while it is down
            receiver.answer(n -> Receiver.HANG);
            int before = receiver.accepted().size();
            String second = Programme.action(team, contract, "Centre de formation", "ATTIRER", "ATTIRER-01",
                    "2020-03-03", 5_000_000, "CC de la Veyle", "200070555");
            Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.requests() >= 1);
            stack.kill("webhook-service");
            Programme.commit(ademe, second, "ATTIRER-01", 300_000);
            receiver.releaseHanging();
            receiver.answer(n -> 200);
            stack.restart("webhook-service");

            Map<String, List<String>> all = expected(contract, start);
            assertThat(all.values().stream().mapToInt(List::size).sum())
                    .isGreaterThan(expected.values().stream().mapToInt(List::size).sum());
            awaitAll(receiver, all);
            assertThat(receiver.accepted().size()).isGreaterThan(before);
            checkReceived(receiver, verifier, all, contract, otherContract);
            Suite.withKey(region).get("/api/v1/webhooks/subscriptions/" + subscription).then().statusCode(200)
                    .body("enabled", equalTo(true));
            Suite.withKey(region).delete("/api/v1/webhooks/subscriptions/" + subscription).then().statusCode(204);
        }
    }

    private static void allocate(String operatorKey, String tiId, String regionCode) {
        Programme.ledgerKnows(tiId, "ATTIRER-01");
        write(Suite.withKey(operatorKey), "POST", "/api/v1/funding/allocations", """
                {"operator":"ADEME","phase":"2019-2022","tiId":"%s","regionCode":"%s","measureCode":"ATTIRER-01",
                 "amountCents":2000000,"effectiveDate":"2020-01-20"}""".formatted(tiId, regionCode)).statusCode(201);
    }

    /** What the region must receive, per aggregate in commit order: the sources' own outbox rows. */
    private static Map<String, List<String>> expected(String contract, Instant since) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        out.put("contract " + contract, ids("contract", """
                select id::text from outbox_event where topic = 'ti.contract.v1' and aggregate_id = ?
                order by position""", contract, null));
        out.put("funding " + TI, ids("funding", """
                select id::text from outbox_event where topic = 'ti.funding.v1' and payload::jsonb ->> 'tiId' = ?
                and occurred_at >= ? order by position""", TI, since));
        return out;
    }

    private static List<String> ids(String db, String sql, String arg, Instant since) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = Suite.database(db); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            if (since != null) {
                ps.setTimestamp(2, Timestamp.from(since));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static void awaitAll(Receiver receiver, Map<String, List<String>> expected) {
        Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(receiver.accepted().stream().map(Receiver.Delivery::id).toList())
                        .containsAll(expected.values().stream().flatMap(List::stream).toList()));
    }

    private static void checkReceived(Receiver receiver, Verifier verifier, Map<String, List<String>> expected,
                                      String contract, String otherContract) throws Exception {
        Set<String> firstSeen = new LinkedHashSet<>();
        for (Receiver.Delivery d : receiver.accepted()) {
            assertThat(verifier.verifies(d)).as("signature of " + d.id()).isTrue();
            assertThat(d.contentType()).startsWith("application/cloudevents+json");
            JsonNode ce = JSON.readTree(d.body());
            assertThat(ce.path("id").asText()).isEqualTo(d.id());
            assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
            JsonNode data = ce.path("data");
            // only its own territories: never the other region's territory or contract
            assertThat(data.path("tiId").asText()).as(d.text()).isNotEqualTo(OTHER_TI);
            assertThat(data.path("contractId").asText()).isNotEqualTo(otherContract);
            if (data.hasNonNull("regionCode")) {
                assertThat(data.path("regionCode").asText()).isEqualTo("84");
            }
            assertThat(d.correlationId()).isNotBlank();
            firstSeen.add(d.id());
        }
        // in order per aggregate
        List<String> order = new ArrayList<>(firstSeen);
        for (Map.Entry<String, List<String>> aggregate : expected.entrySet()) {
            List<String> received = order.stream().filter(aggregate.getValue()::contains).toList();
            assertThat(received).as(aggregate.getKey()).containsExactlyElementsOf(aggregate.getValue());
        }
        assertThat(expected.get("contract " + contract)).isNotEmpty();
    }
}
