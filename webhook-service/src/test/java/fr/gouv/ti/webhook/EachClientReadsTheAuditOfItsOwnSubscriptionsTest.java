package fr.gouv.ti.webhook;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit trail of webhook-service (issue 20): a subscription concerns no territory, so an operator and a region
 * each read the rows of their own subscriptions only, and the national administrator everyone's.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class EachClientReadsTheAuditOfItsOwnSubscriptionsTest {

    private static final String AUDIT = "/api/v1/audit/webhook/entries";

    @Test
    void operatorsAndRegionsReadTheRowsOfTheirOwnSubscriptionsOnly() {
        String correlationId = "audit-webhook-" + UUID.randomUUID();
        String operators = subscribe(Identities.operator("BPIFRANCE"), correlationId);
        String regions = subscribe(Identities.region("84"), correlationId);

        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.resourceId", containsInAnyOrder(operators, regions))
                .body("items.action", containsInAnyOrder("webhook.subscribe", "webhook.subscribe"));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].resourceId", equalTo(operators));
        given().header(Identities.HEADER, Identities.operator("FRANCE_TRAVAIL")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.region("84")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].resourceId", equalTo(regions))
                .body("items[0].scope", equalTo("region:84"));
        given().header(Identities.HEADER, Identities.region("53")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", "ti-8411")).get(AUDIT + ".csv").then()
                .statusCode(403).contentType("application/problem+json");
    }

    private static String subscribe(String identity, String correlationId) {
        return given().header(Identities.HEADER, identity).header("X-Correlation-ID", correlationId)
                .contentType("application/json")
                .body("{\"url\":\"http://127.0.0.1:9/hooks\",\"eventTypes\":[\"fr.gouv.ti.contract.*\"]}")
                .post("/api/v1/webhooks/subscriptions").then().statusCode(201).extract().path("subscription.id");
    }
}
