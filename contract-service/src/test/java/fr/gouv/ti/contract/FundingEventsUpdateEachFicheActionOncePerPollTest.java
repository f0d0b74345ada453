package fr.gouv.ti.contract;

import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.contract.service.ActionFundingProjection;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ti.funding.v1 is read a poll at a time: each fiche-action ends with the totals of its last event, every event id is
 * recorded once, and a bad record goes to ti.contract-service.dlq while the rest of its poll is applied.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class FundingEventsUpdateEachFicheActionOncePerPollTest {

    static final String TEAM = Identities.territoryTeam("2019-2022", "ti-8412");
    static final String KEY = "2019-2022/ti-8412";

    @Inject
    EventInbox inbox;

    @Inject
    ActionFundingProjection projection;

    @Test
    void aPollOfFundingEventsLeavesEachFicheActionWithItsLastTotals() {
        String contract = rumilly();
        String a1 = newAction(contract, "Lot de financements 1");
        String a2 = newAction(contract, "Lot de financements 2");
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        long[][] steps = {{1, 100, 0}, {2, 1_000, 0}, {1, 300, 0}, {1, 300, 50}, {2, 4_000, 400}};
        for (long[] step : steps) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            records.add(funding(step[0] == 1 ? a1 : a2, id, step[1], step[2]));
        }
        records.add(2, funding(a1, ids.get(0), 100, 0)); // the first event delivered again, in the middle
        String unknown = UUID.randomUUID().toString();
        records.add(funding(unknown, UUID.randomUUID().toString(), 9, 9)); // not a fiche-action of ours: ignored
        TopicProbe.sendTogether(records);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select disbursed_cents from action where id = ?::uuid", a2) == 400
                        && Db.count("select disbursed_cents from action where id = ?::uuid", a1) == 50);
        assertThat(Db.count("select committed_cents from action where id = ?::uuid", a1)).isEqualTo(300);
        assertThat(Db.count("select committed_cents from action where id = ?::uuid", a2)).isEqualTo(4_000);
        for (String id : ids) {
            assertThat(Db.count("select count(*) from processed_event where event_id = ?", id)).isEqualTo(1);
        }
        assertThat(Db.count("select count(*) from action where id = ?::uuid", unknown)).isZero();
    }

    @Test
    void oneBatchUpdatesEachFicheActionWithItsLastTotalsInOneTransaction() {
        String contract = rumilly();
        String a1 = newAction(contract, "Lot direct 1");
        String a2 = newAction(contract, "Lot direct 2");
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        String[] ids = new String[4];
        long[][] steps = {{1, 10, 0}, {2, 20, 0}, {1, 30, 3}, {2, 40, 4}};
        for (int i = 0; i < steps.length; i++) {
            ids[i] = UUID.randomUUID().toString();
            ProducerRecord<String, String> p = funding(steps[i][0] == 1 ? a1 : a2, ids[i], steps[i][1], steps[i][2]);
            ConsumerRecord<String, String> r = new ConsumerRecord<>(p.topic(), 0, i, p.key(), p.value());
            p.headers().forEach(h -> r.headers().add(h));
            batch.add(r);
        }

        assertThat(inbox.handleBatch("funding-events", batch, projection::apply)).isEqualTo(4);
        assertThat(Db.count("select committed_cents + disbursed_cents from action where id = ?::uuid", a1)).isEqualTo(33);
        assertThat(Db.count("select committed_cents + disbursed_cents from action where id = ?::uuid", a2)).isEqualTo(44);
        // processed_at is the transaction's start: one transaction for the whole batch
        assertThat(Db.count("select count(distinct processed_at) from processed_event where event_id in (?, ?, ?, ?)",
                (Object[]) ids)).isEqualTo(1);
        // the same poll again (a redelivery after a crash before the offset commit) changes nothing
        assertThat(inbox.handleBatch("funding-events", batch, projection::apply)).isZero();
    }

    @Test
    void aMalformedFundingEventGoesToTheDeadLetterTopicAndTheRestOfThePollIsApplied() {
        String contract = rumilly();
        String action = newAction(contract, "Lot avec une erreur");
        String malformed = UUID.randomUUID().toString();
        try (TopicProbe dlq = new TopicProbe("ti.contract-service.dlq")) {
            ProducerRecord<String, String> bad = funding(action, malformed, 0, 0);
            bad = new ProducerRecord<>(bad.topic(), null, bad.key(),
                    bad.value().replace("\"committedCents\":0,", "\"committedCents\":\"beaucoup\","), bad.headers());
            TopicProbe.sendTogether(List.of(
                    funding(action, UUID.randomUUID().toString(), 1_000, 0),
                    new ProducerRecord<>("ti.funding.v1", KEY, "{\"actionId\":\"" + action + "\"}"), // no ce_id
                    bad,
                    funding(action, UUID.randomUUID().toString(), 2_000, 20)));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    Db.count("select disbursed_cents from action where id = ?::uuid", action) == 20);
            assertThat(Db.count("select committed_cents from action where id = ?::uuid", action)).isEqualTo(2_000);
            ConsumerRecord<String, String> dead = dlq.await(r -> malformed.equals(TopicProbe.header(r, "ce_id")),
                    Duration.ofSeconds(20));
            assertThat(TopicProbe.header(dead, "dead-letter-reason")).contains("malformed actionTotals");
            assertThat(TopicProbe.header(dead, "dead-letter-topic")).isEqualTo("ti.funding.v1");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    dlq.records().stream().filter(r -> r.value().contains(action)).count() == 2);
        }
        assertThat(Db.count("select count(*) from processed_event where event_id = ?", malformed)).isZero();
    }

    // ------------------------------------------------------------------ helpers

    /** The open contract of Rumilly Usses et Rhône (ti-8412), shared with RefusalsWriteNothingTest. */
    static String rumilly() {
        Fixtures.ensureProjections();
        return RefusalsWriteNothingTest.rumilly();
    }

    static String newAction(String contract, String title) {
        return given().header(Identities.HEADER, TEAM).contentType("application/json")
                .body(Fixtures.action(title, "RECRUTER", Fixtures.PIC, "2020-02-03", "247400740", 2_000_000L))
                .post("/api/v1/contracts/" + contract + "/actions").then().statusCode(201).extract().path("actionId");
    }

    /** Keyed by the territory, as funding-service keys them: one action's events stay in order. */
    static ProducerRecord<String, String> funding(String actionId, String ceId, long committed, long disbursed) {
        ProducerRecord<String, String> r = new ProducerRecord<>("ti.funding.v1", KEY, """
                {"transactionId":"t","kind":"COMMITMENT","effectiveDate":"2020-03-01","amountCents":100,
                 "operator":"FRANCE_TRAVAIL","phase":"2019-2022","tiId":"ti-8412","measureCode":"%s","actionId":"%s",
                 "territoryTotals":{"allocatedCents":0,"committedCents":0,"disbursedCents":0},
                 "actionTotals":{"committedCents":%d,"disbursedCents":%d}}"""
                .formatted(Fixtures.PIC, actionId, committed, disbursed));
        r.headers().add("ce_id", ceId.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", "fr.gouv.ti.funding.committed.v1".getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/funding-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        return r;
    }
}
