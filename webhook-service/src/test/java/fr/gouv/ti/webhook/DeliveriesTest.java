package fr.gouv.ti.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.testsupport.AsyncApiContract;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Events from the real broker delivered to real HTTP receivers on this machine: only what each client may read,
 * signed (verified independently), in order per aggregate, retried through 5xx and timeouts, an endpoint disabled
 * after repeated failures and enabled again, replays.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class DeliveriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AsyncApiContract ASYNCAPI = AsyncApiContract.load();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PATH = "/api/v1/webhooks/subscriptions";

    record Sub(String id, String secret) {
    }

    private static Sub subscribe(String identity, String url, String json) {
        Response r = given().header(Identities.HEADER, identity).contentType("application/json")
                .body(json.replace("$URL", url)).post(PATH);
        r.then().statusCode(201);
        return new Sub(r.path("subscription.id"), r.path("secret"));
    }

    /** Verifies each request's signature independently, and returns the CloudEvents received. */
    private static List<JsonNode> verified(Receiver receiver, String secret) throws IOException {
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(secret);
        List<JsonNode> out = new ArrayList<>();
        for (Receiver.Request r : receiver.accepted()) {
            verifier.verify(r.header("webhook-id"), r.header("webhook-timestamp"), r.header("webhook-signature"),
                    r.body(), Instant.now().getEpochSecond());
            JsonNode ce = JSON.readTree(r.body());
            assertThat(r.header("webhook-id")).isEqualTo(ce.get("id").asText());
            assertThat(r.header("content-type")).startsWith("application/cloudevents+json");
            assertThat(r.header("X-Correlation-ID")).isEqualTo("cid-" + ce.get("id").asText());
            assertThat(ce.get("specversion").asText()).isEqualTo("1.0");
            assertThat(ce.get("data").isObject()).isTrue();
            // what is delivered is what the webhooks' AsyncAPI document says
            ASYNCAPI.assertValid(ce.get("type").asText(), r.text());
            out.add(ce);
        }
        return out;
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asText()).toList();
    }

    @Test
    void eachClientReceivesWhatItMayReadSignedAndInOrder() throws Exception {
        String tiA = "ti-84" + (10 + (int) (Math.random() * 89));
        String tiB = "ti-11" + (10 + (int) (Math.random() * 89));
        String c1 = UUID.randomUUID().toString();
        String c2 = UUID.randomUUID().toString();
        String a1 = UUID.randomUUID().toString();
        try (Receiver region = Receiver.alwaysOk(); Receiver bpi = Receiver.alwaysOk();
             Receiver team = Receiver.alwaysOk()) {
            Sub rs = subscribe(Identities.region("84"), region.url("/region"),
                    "{\"url\":\"$URL\",\"eventTypes\":[\"fr.gouv.ti.contract.*\",\"fr.gouv.ti.funding.*\"]}");
            Sub bs = subscribe(Identities.operator("BPIFRANCE"), bpi.url("/bpi"),
                    "{\"url\":\"$URL\",\"eventTypes\":[\"fr.gouv.ti.*\"]}");
            Sub ts = subscribe(Identities.territoryTeam(Events.PHASE, tiB), team.url("/team"),
                    "{\"url\":\"$URL\",\"eventTypes\":[\"fr.gouv.ti.*\"],\"phase\":\"" + Events.PHASE + "\"}");

            String tA = Events.territory(tiA, "84");
            String tB = Events.territory(tiB, "11");
            String p1 = Events.contract("fr.gouv.ti.contract.protocol-signed.v1", c1, tiA, "84", "PROTOCOL_SIGNED");
            String act = Events.action(a1, c1, tiA, "84", "BPIFRANCE");
            String s1 = Events.contract("fr.gouv.ti.contract.signed.v1", c1, tiA, "84", "CONTRACT_SIGNED");
            String p2 = Events.contract("fr.gouv.ti.contract.protocol-signed.v1", c2, tiB, "11", "PROTOCOL_SIGNED");
            // funding-service may leave the region out: it comes from the territory's events
            String fA = Events.funding("fr.gouv.ti.funding.committed.v1", "COMMITTED", tiA, null, "BPIFRANCE", a1, 500);
            String fB = Events.funding("fr.gouv.ti.funding.allocated.v1", "ALLOCATED", tiB, "11",
                    "BANQUE_DES_TERRITOIRES", null, 900);

            // region 84: its territory's contract and funding events, nothing of region 11, no action (not asked)
            Awaitility.await().atMost(WAIT).until(() -> region.accepted().size() >= 3);
            // the team: its own territory's events; the operator: open data, the contract it is party to, its money
            Awaitility.await().atMost(WAIT).until(() -> team.accepted().size() >= 3 && bpi.accepted().size() >= 5);
            // nothing else comes: the last event was queued for nobody else
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);

            // in order per aggregate (the contract; the territory's ledger), not across aggregates
            List<String> regionIds = ids(verified(region, rs.secret()));
            assertThat(regionIds).containsExactlyInAnyOrder(p1, s1, fA);
            assertThat(regionIds.indexOf(p1)).isLessThan(regionIds.indexOf(s1));
            assertThat(ids(verified(team, ts.secret()))).containsExactlyInAnyOrder(tB, p2, fB);
            // protocol-signed came before BPIFRANCE was party to the contract (its fiche-action asked it for money)
            assertThat(ids(verified(bpi, bs.secret()))).containsExactlyInAnyOrder(tA, tB, act, s1, fA);
            List<String> bpiIds = ids(verified(bpi, bs.secret()));
            assertThat(bpiIds.indexOf(act)).isLessThan(bpiIds.indexOf(s1));

            // the delivery log shows each one delivered with its attempt (recorded just after the receiver answered)
            awaitDelivered(Identities.region("84"), rs, 3);
            given().header(Identities.HEADER, Identities.region("84")).get(PATH + "/" + rs.id() + "/deliveries")
                    .then().statusCode(200).body("items.size()", equalTo(3))
                    .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("DELIVERED")))
                    .body("items.webhookId", hasItem(fA));
            // a redelivered Kafka record (same ce_id) queues nothing twice
            Events.sendWithId(fA, "ti.funding.v1", Events.PHASE + "/" + tiA, "fr.gouv.ti.funding.committed.v1",
                    "x", "{\"phase\":\"" + Events.PHASE + "\",\"tiId\":\"" + tiA + "\",\"operator\":\"BPIFRANCE\"}");
            String marker = Events.contract("fr.gouv.ti.contract.closed.v1", c1, tiA, "84", "CLOSED");
            Awaitility.await().atMost(WAIT).until(() -> region.accepted().size() >= 4);
            assertThat(ids(verified(region, rs.secret())).get(3)).isEqualTo(marker);
            assertThat(Db.count("select count(*) from delivery where event_id = ?", fA)).isEqualTo(2); // region + bpi
            unsubscribe(Identities.region("84"), rs);
            unsubscribe(Identities.operator("BPIFRANCE"), bs);
            unsubscribe(Identities.territoryTeam(Events.PHASE, tiB), ts);
        }
    }

    @Test
    void failuresAreRetriedWithBackOffUntilAllArriveInOrder() throws Exception {
        String ti = "ti-27" + (10 + (int) (Math.random() * 89));
        String contract = UUID.randomUUID().toString();
        // 503 three times, then two timeouts (the service waits 1 s in tests), then the receiver recovers
        try (Receiver receiver = new Receiver(n -> n <= 3 ? Receiver.Answer.status(503)
                : n <= 5 ? Receiver.Answer.hanging() : Receiver.Answer.status(200))) {
            String identity = Identities.region("27");
            Sub s = subscribe(identity, receiver.url("/flaky"),
                    "{\"url\":\"$URL\",\"eventTypes\":[\"fr.gouv.ti.contract.*\",\"fr.gouv.ti.funding.*\"]}");
            Events.territory(ti, "27");
            Map<String, List<String>> sent = new LinkedHashMap<>();
            String[] states = {"PROTOCOL_SIGNED", "CONTRACT_SIGNED", "AMENDED", "AMENDED", "CLOSED"};
            String[] types = {"protocol-signed", "signed", "amended", "amended", "closed"};
            for (int i = 0; i < states.length; i++) {
                sent.computeIfAbsent(contract, k -> new ArrayList<>()).add(Events.contract(
                        "fr.gouv.ti.contract." + types[i] + ".v1", contract, ti, "27", states[i]));
                sent.computeIfAbsent(ti, k -> new ArrayList<>()).add(Events.funding(
                        "fr.gouv.ti.funding.allocated.v1", "ALLOCATED", ti, "27", "BPIFRANCE", null, 100 + i));
            }
            Awaitility.await().atMost(WAIT).until(() -> receiver.accepted().size() >= 10);

            awaitDelivered(identity, s, 10);
            List<JsonNode> got = verified(receiver, s.secret());
            assertThat(ids(got.stream().filter(e -> e.get("type").asText().contains(".contract.")).toList()))
                    .containsExactlyElementsOf(sent.get(contract));
            assertThat(ids(got.stream().filter(e -> e.get("type").asText().contains(".funding.")).toList()))
                    .containsExactlyElementsOf(sent.get(ti));
            assertThat(receiver.all().size()).isGreaterThanOrEqualTo(15);

            // the log tells what happened: the 503s with the answer's start, the timeouts, then the success
            Response log = given().header(Identities.HEADER, identity).get(PATH + "/" + s.id() + "/deliveries");
            List<Integer> failedOnes = log.path("items.findAll { it.attempts > 1 }.id");
            assertThat(failedOnes).as(log.asString()).isNotEmpty();
            List<String> outcomes = new ArrayList<>();
            for (Integer id : failedOnes) {
                outcomes.addAll(given().header(Identities.HEADER, identity)
                        .get(PATH + "/" + s.id() + "/deliveries/" + id).then().statusCode(200)
                        .body("status", equalTo("DELIVERED")).extract().path("attemptLog.outcome"));
            }
            assertThat(outcomes).contains("HTTP_ERROR", "TIMEOUT", "DELIVERED");
            assertThat(Db.count("select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id "
                    + "where d.subscription_id = ?::uuid and a.status_code = 503 and a.response_excerpt = 'answer 503'",
                    s.id())).isEqualTo(3);
            given().header(Identities.HEADER, identity).get(PATH + "/" + s.id()).then()
                    .body("enabled", equalTo(true)).body("consecutiveFailures", equalTo(0));
            unsubscribe(identity, s);
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledWithItsReasonThenEnabledAgainAndReplayed() throws Exception {
        String ti = "ti-53" + (10 + (int) (Math.random() * 89));
        String contract = UUID.randomUUID().toString();
        try (Receiver receiver = new Receiver(n -> Receiver.Answer.status(500))) {
            String identity = Identities.region("53");
            Instant before = Instant.now().minusSeconds(1);
            Sub s = subscribe(identity, receiver.url("/down"),
                    "{\"url\":\"$URL\",\"eventTypes\":[\"fr.gouv.ti.contract.*\"]}");
            Events.territory(ti, "53");
            String p = Events.contract("fr.gouv.ti.contract.protocol-signed.v1", contract, ti, "53", "PROTOCOL_SIGNED");
            String c = Events.contract("fr.gouv.ti.contract.signed.v1", contract, ti, "53", "CONTRACT_SIGNED");

            // 8 failed attempts in a row (test settings): disabled, and the client can see why
            Awaitility.await().atMost(WAIT).until(() -> given().header(Identities.HEADER, identity)
                    .get(PATH + "/" + s.id()).path("enabled").equals(false));
            Response sub = given().header(Identities.HEADER, identity).get(PATH + "/" + s.id());
            assertThat(sub.<String>path("disabledReason")).contains("repeated failures").contains("HTTP 500");
            int attempts = receiver.all().size();
            assertThat(attempts).isEqualTo(8);

            // the receiver is fixed and the client enables the endpoint again: the pending deliveries go, in order
            receiver.behave(n -> Receiver.Answer.status(200));
            given().header(Identities.HEADER, identity).header("If-Match", sub.header("ETag"))
                    .contentType("application/json").body("{\"enabled\":true}").patch(PATH + "/" + s.id())
                    .then().statusCode(200).body("enabled", equalTo(true));
            Awaitility.await().atMost(WAIT).until(() -> receiver.accepted().size() >= 2);
            assertThat(ids(verified(receiver, s.secret()))).containsExactly(p, c);
            awaitDelivered(identity, s, 2);

            // replay of one delivery: the same webhook-id again
            long first = ((Number) given().header(Identities.HEADER, identity)
                    .get(PATH + "/" + s.id() + "/deliveries?status=DELIVERED").path("items[-1].id")).longValue();
            given().header(Identities.HEADER, identity).post(PATH + "/" + s.id() + "/deliveries/" + first + "/replay")
                    .then().statusCode(202);
            Awaitility.await().atMost(WAIT).until(() -> receiver.accepted().size() >= 3);
            assertThat(receiver.accepted().get(2).header("webhook-id")).isEqualTo(p);

            // replay of everything since a date
            given().header(Identities.HEADER, identity).contentType("application/json")
                    .body("{\"since\":\"" + before + "\"}").post(PATH + "/" + s.id() + "/replay")
                    .then().statusCode(202).body("queued", equalTo(2));
            Awaitility.await().atMost(WAIT).until(() -> receiver.accepted().size() >= 5);
            assertThat(ids(verified(receiver, s.secret())).subList(3, 5)).containsExactly(p, c);
            given().header(Identities.HEADER, identity).contentType("application/json")
                    .body("{\"since\":\"2999-01-01T00:00:00Z\"}").post(PATH + "/" + s.id() + "/replay")
                    .then().statusCode(422);
            unsubscribe(identity, s);
        }
    }

    @Test
    void bothRegionsOfATerritoryThatStraddlesTwoReceiveItsEventsAndNoOtherRegionDoes() throws Exception {
        // issue 20: Aurillac - Figeac - Rodez (ti-7601) is led by Occitanie (76) and reaches the Cantal (84)
        String c = UUID.randomUUID().toString();
        String types = "{\"url\":\"$URL\",\"eventTypes\":[\"fr.gouv.ti.contract.*\"]}";
        try (Receiver lead = Receiver.alwaysOk(); Receiver other = Receiver.alwaysOk(); Receiver third = Receiver.alwaysOk()) {
            Sub ls = subscribe(Identities.region("76"), lead.url("/occitanie"), types);
            Sub os = subscribe(Identities.region("84"), other.url("/aura"), types);
            Sub ts = subscribe(Identities.region("53"), third.url("/bretagne"), types);
            Events.territory("ti-7601", List.of("76", "84"));
            Awaitility.await().atMost(WAIT).until(() -> Db.count("select count(*) from territory_region where ti_id = "
                    + "'ti-7601' and '84' = any(region_codes)") == 1);
            String signed = Events.contract("fr.gouv.ti.contract.protocol-signed.v1", c, "ti-7601", "76", "PROTOCOL_SIGNED");
            String marker = Events.contract("fr.gouv.ti.contract.protocol-signed.v1", UUID.randomUUID().toString(),
                    "ti-5399", "53", "PROTOCOL_SIGNED");
            Awaitility.await().atMost(WAIT).until(() -> lead.accepted().size() >= 1 && other.accepted().size() >= 1
                    && third.accepted().size() >= 1);
            assertThat(ids(verified(lead, ls.secret()))).containsExactly(signed);
            assertThat(ids(verified(other, os.secret()))).containsExactly(signed);
            assertThat(ids(verified(third, ts.secret()))).containsExactly(marker);
            // queued in the same transaction as the other two: for Occitanie and Auvergne-Rhône-Alpes only (counted
            // on this test's subscriptions: one an earlier failed test left behind would also be a region's)
            assertThat(Db.count("select count(*) from delivery where event_id = ? and subscription_id::text in (?, ?, ?)",
                    signed, ls.id(), os.id(), ts.id())).isEqualTo(2);
            assertThat(Db.count("select count(*) from delivery where event_id = ? and subscription_id::text = ?",
                    signed, ts.id())).isZero();
            unsubscribe(Identities.region("76"), ls);
            unsubscribe(Identities.region("84"), os);
            unsubscribe(Identities.region("53"), ts);
        }
    }

    private static void awaitDelivered(String identity, Sub s, int n) {
        Awaitility.await().atMost(WAIT).until(() -> {
            List<?> items = given().header(Identities.HEADER, identity)
                    .get(PATH + "/" + s.id() + "/deliveries?status=DELIVERED").path("items");
            return items != null && items.size() >= n;
        });
    }

    private static void unsubscribe(String identity, Sub s) {
        given().header(Identities.HEADER, identity).delete(PATH + "/" + s.id()).then().statusCode(204);
    }
}
