package fr.gouv.ti.territory.messaging;

import fr.gouv.ti.commons.events.EventInbox;
import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Funding events reach the territory summary a poll at a time: one transaction per poll, each event id recorded
 * once, the last snapshot of a territory winning, and a bad record moved to ti.territory-service.dlq while the rest of
 * its poll is applied. Half the tests go through Kafka (the channel's wiring); the other half hand one known batch to
 * the inbox, since which records Kafka puts in one poll is not ours to choose.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class FundingEventsAreAppliedAPollAtATimeTest {

    static final String DLQ = "ti.territory-service.dlq";

    @Inject
    EventInbox inbox;

    @Inject
    TerritorySummaryProjection projection;

    @Inject
    MeterRegistry registry;

    @Test
    void aPollOfFundingEventsIsAppliedOnceAndTheLastSnapshotWins() {
        String key = "2019-2022/ti-9981";
        List<String> ids = List.of(id(), id(), id(), id(), id());
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            records.add(produced(key, ids.get(i), totals(1_000_000, 100_000L * (i + 1), 10_000L * i)));
            if (i == 1) { // the second event delivered twice
                records.add(produced(key, ids.get(i), totals(1_000_000, 100_000L * (i + 1), 10_000L * i)));
            }
        }
        TopicProbe.sendTogether(records);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> summary("ti-9981")
                .body("committedCents", equalTo(500_000)).body("disbursedCents", equalTo(40_000)));
        summary("ti-9981").body("allocatedCents", equalTo(1_000_000)).body("eventsApplied", equalTo(5));
        assertThat(count("select count(*) from processed_event where event_id = any(?)", ids.toArray(String[]::new)))
                .isEqualTo(5);
        assertThat(text("select last_event_id from territory_summary where phase = '2019-2022' and ti_id = 'ti-9981'"))
                .isEqualTo(ids.get(4));
    }

    @Test
    void oneBatchIsOneTransactionAndHandsOnlyNewEventsToTheProjection() {
        String key = "2019-2022/ti-9982";
        String a = id();
        String b = id();
        String c = id();
        String d = id();
        assertThat(inbox.handleBatch("funding-events", List.of(consumed(key, a, totals(900, 100, 0))),
                projection::applyFunding)).isEqualTo(1);

        // a was handled by an earlier poll, b comes twice in this one; d reports no allocatedCents
        int applied = inbox.handleBatch("funding-events", List.of(
                consumed(key, b, totals(900, 200, 0)), consumed(key, a, totals(900, 100, 0)),
                consumed(key, c, totals(950, 300, 50)), consumed(key, b, totals(900, 200, 0)),
                consumed(key, d, "{\"committedCents\":400,\"disbursedCents\":60}")), projection::applyFunding);

        assertThat(applied).isEqualTo(3);
        summary("ti-9982").body("eventsApplied", equalTo(4)).body("allocatedCents", equalTo(950))
                .body("committedCents", equalTo(400)).body("disbursedCents", equalTo(60));
        String[] ids = {a, b, c, d};
        assertThat(count("select count(*) from processed_event where event_id = any(?)", (Object) ids)).isEqualTo(4);
        // processed_at is the transaction's start: b, c and d were recorded by one transaction
        assertThat(count("select count(distinct processed_at) from processed_event where event_id = any(?)",
                (Object) new String[]{b, c, d})).isEqualTo(1);
        assertThat(text("select last_event_id from territory_summary where phase = '2019-2022' and ti_id = 'ti-9982'"))
                .isEqualTo(d);
    }

    @Test
    void aPoisonRecordAmongFundingEventsGoesToTheDeadLetterTopicAndTheRestOfThePollIsApplied() {
        String key = "2019-2022/ti-9983";
        double deadBefore = deadLettered();
        String notJson = id();
        String noTotals = id();
        try (TopicProbe dlq = new TopicProbe(DLQ)) {
            TopicProbe.sendTogether(List.of(
                    produced(key, id(), totals(5_000, 1_000, 0)),
                    new ProducerRecord<>("ti.funding.v1", key, "{\"phase\":\"2019-2022\",\"tiId\":\"ti-9983\"}"),
                    withHeaders(new ProducerRecord<>("ti.funding.v1", key, "not json"), notJson),
                    withHeaders(new ProducerRecord<>("ti.funding.v1", key,
                            "{\"phase\":\"2019-2022\",\"tiId\":\"ti-9983\",\"amountCents\":1}"), noTotals),
                    produced(key, id(), totals(5_000, 2_000, 500))));

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> summary("ti-9983")
                    .body("committedCents", equalTo(2_000)).body("disbursedCents", equalTo(500)));
            summary("ti-9983").body("eventsApplied", equalTo(2));
            ConsumerRecord<String, String> dead = dlq.await(r -> notJson.equals(TopicProbe.header(r, "ce_id")),
                    Duration.ofSeconds(20));
            assertThat(dead.value()).isEqualTo("not json");
            assertThat(TopicProbe.header(dead, "dead-letter-reason")).contains("not JSON");
            assertThat(TopicProbe.header(dead, "dead-letter-topic")).isEqualTo("ti.funding.v1");
            assertThat(TopicProbe.header(dead, "ce_type")).isEqualTo("fr.gouv.ti.funding.committed.v1");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    dlq.records().stream().filter(r -> key.equals(r.key())).count() == 3);
        }
        assertThat(deadLettered() - deadBefore).isEqualTo(3.0);
        assertThat(count("select count(*) from processed_event where event_id = any(?)",
                (Object) new String[]{notJson, noTotals})).isZero();
    }

    @Test
    void aRecordTheProjectionRejectsIsDeadLetteredAndTheRestOfItsBatchIsApplied() {
        String key = "2019-2022/ti-9984";
        String rejected = id();
        try (TopicProbe dlq = new TopicProbe(DLQ)) {
            int applied = inbox.handleBatch("funding-events", List.of(
                    consumed(key, id(), totals(7_000, 700, 0)),
                    new ConsumerRecord<>("ti.funding.v1", 0, 11, key, "{}"), // not a CloudEvent
                    consumedValue(key, rejected, "{\"territoryTotals\":" + totals(1, 1, 1) + "}"), // names no territory
                    consumed(key, id(), totals(7_000, 1_400, 70))), projection::applyFunding);

            assertThat(applied).isEqualTo(2);
            summary("ti-9984").body("eventsApplied", equalTo(2)).body("committedCents", equalTo(1_400))
                    .body("disbursedCents", equalTo(70));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    dlq.records().stream().filter(r -> key.equals(r.key())).count() == 2);
            assertThat(dlq.records()).filteredOn(r -> rejected.equals(TopicProbe.header(r, "ce_id"))).singleElement()
                    .satisfies(r -> assertThat(TopicProbe.header(r, "dead-letter-reason")).contains("names no territory"));
        }
        assertThat(count("select count(*) from processed_event where event_id = any(?)", (Object) new String[]{rejected}))
                .isZero();
    }

    // ------------------------------------------------------------------ helpers

    static String id() {
        return UUID.randomUUID().toString();
    }

    static String totals(long allocated, long committed, long disbursed) {
        return "{\"allocatedCents\":%d,\"committedCents\":%d,\"disbursedCents\":%d}".formatted(allocated, committed,
                disbursed);
    }

    static String payload(String key, String territoryTotals) {
        String[] k = key.split("/");
        return """
                {"transactionId":"t","kind":"COMMITMENT","effectiveDate":"2020-03-01","amountCents":100,
                 "operator":"BPIFRANCE","phase":"%s","tiId":"%s","measureCode":"INNOVER-01","actionId":null,
                 "territoryTotals":%s,"actionTotals":null}""".formatted(k[0], k[1], territoryTotals);
    }

    static ProducerRecord<String, String> produced(String key, String ceId, String territoryTotals) {
        return withHeaders(new ProducerRecord<>("ti.funding.v1", key, payload(key, territoryTotals)), ceId);
    }

    static ProducerRecord<String, String> withHeaders(ProducerRecord<String, String> r, String ceId) {
        r.headers().add("ce_id", ceId.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", "fr.gouv.ti.funding.committed.v1".getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/funding-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static long offset;

    /** A record as the consumer would get it from a poll. */
    static ConsumerRecord<String, String> consumed(String key, String ceId, String territoryTotals) {
        return consumedValue(key, ceId, payload(key, territoryTotals));
    }

    static synchronized ConsumerRecord<String, String> consumedValue(String key, String ceId, String value) {
        ProducerRecord<String, String> p = withHeaders(new ProducerRecord<>("ti.funding.v1", key, value), ceId);
        ConsumerRecord<String, String> r = new ConsumerRecord<>(p.topic(), 0, offset++, key, value);
        p.headers().forEach(h -> r.headers().add(h));
        return r;
    }
    static io.restassured.response.ValidatableResponse summary(String tiId) {
        return given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/territories/2019-2022/" + tiId + "/summary").then().statusCode(200);
    }

    double deadLettered() {
        Counter c = registry.find("ti.consumer.dead.lettered").tag("topic", "ti.funding.v1").counter();
        return c == null ? 0 : c.count();
    }

    static long count(String sql, Object param) {
        Object v = value(sql, param);
        return v == null ? 0 : ((Number) v).longValue();
    }

    static String text(String sql) {
        Object v = value(sql, null);
        return v == null ? null : v.toString();
    }

    static Object value(String sql, Object param) {
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("territory"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            if (param instanceof String[] array) {
                ps.setArray(1, c.createArrayOf("text", array));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
