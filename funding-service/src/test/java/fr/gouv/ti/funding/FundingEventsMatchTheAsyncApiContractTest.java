package fr.gouv.ti.funding;

import fr.gouv.ti.funding.service.FundingEvents;
import fr.gouv.ti.testsupport.AsyncApiContract;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.gouv.ti.funding.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class FundingEventsMatchTheAsyncApiContractTest {

    @Test
    void everyMovementPublishesADocumentedEventWithTotalsAfterIt() {
        AsyncApiContract contract = AsyncApiContract.load();
        try (TopicProbe probe = new TopicProbe(FundingEvents.TOPIC)) {
            String ti = Fixture.newTerritory();
            Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 60_000);
            String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
            long commitment = Fixture.committed("BPIFRANCE", action, "INNOVER_PIA", 25_000);
            String payment = post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                    "{\"amountCents\":5000,\"effectiveDate\":\"2021-06-30\"}").statusCode(201)
                    .extract().jsonPath().getString("transactionId");
            post("BPIFRANCE", "/api/v1/funding/transactions/" + payment + "/reversal",
                    "{\"reason\":\"Doublon\",\"effectiveDate\":\"2021-07-01\"}").statusCode(201);
            post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/cancellation",
                    "{\"reason\":\"Projet abandonné\",\"effectiveDate\":\"2021-09-01\"}").statusCode(201);

            for (String type : List.of(FundingEvents.ALLOCATED, FundingEvents.COMMITTED, FundingEvents.DISBURSED,
                    FundingEvents.REVERSED, FundingEvents.CANCELLED)) {
                ConsumerRecord<String, String> r = probe.awaitType(type, p -> p.contains("\"" + ti + "\""));
                contract.assertValid(type, r.value());
                assertThat(r.key()).isEqualTo("2019-2022/" + ti);
                assertThat(TopicProbe.header(r, "ce_source")).isEqualTo("/funding-service");
            }
            JsonPath cancelled = JsonPath.from(probe.awaitType(FundingEvents.CANCELLED, p -> p.contains(ti)).value());
            assertThat(cancelled.getLong("amountCents")).isEqualTo(25_000);
            assertThat(cancelled.getLong("territoryTotals.allocatedCents")).isEqualTo(60_000);
            assertThat(cancelled.getLong("territoryTotals.committedCents")).isZero();
            assertThat(cancelled.getLong("actionTotals.committedCents")).isZero();
            assertThat(cancelled.getString("actionId")).isEqualTo(action);
            JsonPath allocated = JsonPath.from(probe.awaitType(FundingEvents.ALLOCATED, p -> p.contains(ti)).value());
            assertThat(allocated.getString("actionId")).isNull();
            assertThat(allocated.getMap("")).containsKey("actionTotals");
        }
    }
}
