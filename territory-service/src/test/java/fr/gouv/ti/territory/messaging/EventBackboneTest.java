package fr.gouv.ti.territory.messaging;

import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class EventBackboneTest {

    @Inject
    Outbox outbox;

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String rolledBack = "2030-2034/ti-" + (1000 + (int) (Math.random() * 8000));
        String committed = rolledBack + "-marker";
        try (TopicProbe probe = new TopicProbe("ti.contract.v1")) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                outbox.append(contractEvent(rolledBack, "2030-2034", "ti-0001", "CONTRACT_SIGNED"));
                throw new IllegalStateException("the state change fails after the event was written");
            })).isInstanceOf(IllegalStateException.class);
            QuarkusTransaction.requiringNew().run(() ->
                    outbox.append(contractEvent(committed, "2030-2034", "ti-0001", "CONTRACT_SIGNED")));

            // same key → same partition: once the later event is there, the earlier one would be too
            probe.await(r -> committed.equals(r.key()), Duration.ofSeconds(20));
            assertThat(probe.records()).noneMatch(r -> rolledBack.equals(r.key()));
            assertThat(outboxRows(rolledBack)).isZero();
        }
    }

    @Test
    void aDuplicateDeliveryOfTheSameEventLeavesTheProjectionUnchanged() {
        String id = UUID.randomUUID().toString();
        String payload = """
                {"transactionId":"t1","kind":"COMMITMENT","effectiveDate":"2020-03-01","amountCents":500000,
                 "operator":"BPIFRANCE","phase":"2019-2022","tiId":"ti-9991","measureCode":"INNOVER-01","actionId":null,
                 "territoryTotals":{"allocatedCents":1000000,"committedCents":500000,"disbursedCents":0},"actionTotals":null}""";
        for (int i = 0; i < 2; i++) {
            TopicProbe.send("ti.funding.v1", "2019-2022/ti-9991", payload, "ce_id", id, "ce_type",
                    "fr.gouv.ti.funding.committed.v1", "ce_source", "/funding-service", "ce_specversion", "1.0",
                    "content-type", "application/json");
        }
        // a later, distinct event on the same partition proves both copies were consumed before we look
        TopicProbe.send("ti.funding.v1", "2019-2022/ti-9991", payload.replace("500000,\"disbursedCents\":0",
                        "500000,\"disbursedCents\":100000"), "ce_id", UUID.randomUUID().toString(), "ce_type",
                "fr.gouv.ti.funding.disbursed.v1", "ce_source", "/funding-service", "ce_specversion", "1.0");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header(Identities.HEADER, Identities.anonymous())
                        .get("/api/v1/territories/2019-2022/ti-9991/summary")
                        .then().statusCode(200)
                        .body("disbursedCents", org.hamcrest.Matchers.equalTo(100000)));
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/territories/2019-2022/ti-9991/summary")
                .then().body("eventsApplied", org.hamcrest.Matchers.equalTo(2))
                .body("committedCents", org.hamcrest.Matchers.equalTo(500000))
                .body("allocatedCents", org.hamcrest.Matchers.equalTo(1000000));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        String key = "2019-2022/ti-9992";
        try (TopicProbe dlq = new TopicProbe("ti.territory-service.dlq")) {
            // no ce_id/ce_type: not a CloudEvent
            TopicProbe.send("ti.contract.v1", key, "{\"phase\":\"2019-2022\",\"tiId\":\"ti-9992\"}");
            // a CloudEvent whose data is not JSON
            TopicProbe.send("ti.contract.v1", key, "not json", "ce_id", UUID.randomUUID().toString(),
                    "ce_type", "fr.gouv.ti.contract.signed.v1", "ce_source", "/contract-service");
            TopicProbe.send("ti.contract.v1", key, """
                            {"contractId":"c-9992","phase":"2019-2022","tiId":"ti-9992","regionCode":"84","state":"PROTOCOL_SIGNED",
                             "periodStart":"2019-01-01","periodEnd":"2022-12-31","effectiveDate":"2019-06-20","actionCount":0}""",
                    "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.contract.protocol-signed.v1",
                    "ce_source", "/contract-service", "ce_specversion", "1.0");

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().header(Identities.HEADER, Identities.anonymous())
                            .get("/api/v1/territories/2019-2022/ti-9992/summary")
                            .then().statusCode(200)
                            .body("contractState", org.hamcrest.Matchers.equalTo("PROTOCOL_SIGNED")));
            ConsumerRecord<String, String> dead = dlq.await(r -> key.equals(r.key()) && "not json".equals(r.value()),
                    Duration.ofSeconds(20));
            assertThat(TopicProbe.header(dead, "dead-letter-reason")).contains("not JSON");
            assertThat(dlq.records()).filteredOn(r -> key.equals(r.key())).hasSize(2);
        }
    }

    static OutgoingEvent contractEvent(String contractId, String phase, String tiId, String state) {
        return new OutgoingEvent("ti.contract.v1", "fr.gouv.ti.contract.signed.v1", "contract", contractId, contractId,
                Map.of("contractId", contractId, "phase", phase, "tiId", tiId, "regionCode", "84", "state", state,
                        "effectiveDate", "2019-09-01", "actionCount", 0));
    }

    static int outboxRows(String aggregateId) {
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("territory"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox_event where aggregate_id = ?")) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
