package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** A record that can never be handled goes to ti.contract-service.dlq and does not block the events after it. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class PoisonEventsGoToTheDeadLetterTopicTest {

    /** On the management interface, not the API port (issue 18, finding 8). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/openapi", management = true)
    java.net.URL openapi;

    @Test
    void aMalformedTerritoryEventIsDeadLetteredAndTheNextOneIsHandled() {
        String key = "2030-2034/ti-0002";
        String poison = "{not json at all";
        try (TopicProbe dlq = new TopicProbe("ti.contract-service.dlq")) {
            TopicProbe.send("ti.territory.v1", key, poison, "ce_id", UUID.randomUUID().toString(),
                    "ce_type", "fr.gouv.ti.territory.labelled.v1", "ce_source", "/territory-service",
                    "content-type", "application/json");
            TopicProbe.send("ti.territory.v1", key, """
                    {"phase":"2030-2034","tiId":"ti-0002","name":"Après le poison","regionCode":"84","status":"LABELLED"}""",
                    "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.territory.labelled.v1",
                    "ce_source", "/territory-service", "content-type", "application/json");
            dlq.await(r -> poison.equals(r.value()), Duration.ofSeconds(30));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    "Après le poison".equals(Db.string("select name from territory_projection where territory_key = ?", key)));
        }
        // the OpenAPI document is served and names the contract endpoints
        given().get(openapi + "?format=json").then().statusCode(200)
                .body(containsString("/api/v1/contracts/{contractId}/protocol-signature"))
                .body(containsString("/api/v1/reports/progress"));
        given().get("/asyncapi.yaml").then().statusCode(200).body(containsString("ti.contract.v1"));
    }
}
