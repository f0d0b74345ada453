package fr.gouv.ti.territory.messaging;

import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.KafkaBroker;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class OutboxSurvivesKafkaOutageTest {

    private static final int EVENTS = 20;

    @Inject
    Outbox outbox;

    @Test
    void writesSucceedWhileKafkaIsDownAndEveryEventIsAppliedExactlyOnceAfterItReturns() throws Exception {
        KafkaBroker kafka = EmbeddedInfrastructure.kafka();
        kafka.stop();
        List<String> ids = new ArrayList<>();
        try {
            // the HTTP write path answers while the broker is down
            given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json")
                    .body(Map.of("phase", "2030-2034", "tiId", "ti-8498", "name", "Pendant la panne", "regionCode", "84"))
                    .post("/api/v1/territories").then().statusCode(201);
            for (int i = 1; i <= EVENTS; i++) {
                long committed = i * 1_000L;
                ids.add(QuarkusTransaction.requiringNew().call(() -> outbox.append(new OutgoingEvent("ti.funding.v1",
                        "fr.gouv.ti.funding.committed.v1", "territory", "2019-2022/ti-9993", "2019-2022/ti-9993",
                        Map.of("phase", "2019-2022", "tiId", "ti-9993", "amountCents", 1_000L, "territoryTotals",
                                Map.of("allocatedCents", 1_000_000L, "committedCents", committed, "disbursedCents", 0L)))))
                        .toString());
            }
            assertThat(pending()).as("events wait in the outbox").isGreaterThanOrEqualTo(EVENTS);
        } finally {
            kafka.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header(Identities.HEADER, Identities.anonymous())
                        .get("/api/v1/territories/2019-2022/ti-9993/summary")
                        .then().statusCode(200)
                        .body("eventsApplied", equalTo(EVENTS))
                        .body("committedCents", equalTo(EVENTS * 1_000)));
        assertThat(processed(ids)).as("each event handled once").isEqualTo(EVENTS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
    }

    private static int pending() throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("territory"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox_event where sent_at is null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int processed(List<String> ids) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedInfrastructure.database("territory"), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("select count(*) from processed_event where event_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
