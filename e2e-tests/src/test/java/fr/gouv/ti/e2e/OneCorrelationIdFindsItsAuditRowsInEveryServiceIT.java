package fr.gouv.ti.e2e;

import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * Issue 20: one correlation id, sent as {@code X-Correlation-ID} on each request of a piece of work that spans the
 * gateway, funding-service and contract-service, finds through the gateway every audit row it caused in each of
 * them, and only those; the region involved reads the rows about its territory, not the national level's others.
 */
class OneCorrelationIdFindsItsAuditRowsInEveryServiceIT {

    private static final String PHASE = "2023-2027";
    private static final String TI = "ti-8408"; // Lezoux - Thiers - Ambert - Montbrison (84); no other test uses it

    @Test
    void oneCorrelationIdFindsTheRowsItCausedInTheGatewayFundingAndContractServices() {
        Programme.ensurePicSource();
        String correlationId = "e2e-audit-" + UUID.randomUUID();
        String regionKey = Suite.asAdmin().header("X-Correlation-ID", correlationId).contentType("application/json")
                .body("{\"name\":\"Région Auvergne-Rhône-Alpes (audit)\",\"role\":\"region\",\"regionCode\":\"84\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(201)
                .header("X-Correlation-ID", correlationId).extract().path("key");
        Programme.write(Suite.asAdmin().header("X-Correlation-ID", correlationId), "POST", "/api/v1/funding/operator-lines",
                "{\"operator\":\"ADEME\",\"sourceCode\":\"PIC\",\"amountCents\":1000,\"effectiveDate\":\"2023-03-05\"}")
                .statusCode(201);
        Programme.write(Suite.asAdmin().header("X-Correlation-ID", correlationId), "POST", "/api/v1/funding/allocations", """
                {"operator":"ADEME","phase":"%s","tiId":"%s","regionCode":"84","measureCode":"ATTIRER-01",
                 "amountCents":1000,"effectiveDate":"2023-06-01"}""".formatted(PHASE, TI)).statusCode(201);
        String contractId = Awaitility.await().atMost(Programme.EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> Suite.withKey(regionKey).header("X-Correlation-ID", correlationId)
                                .contentType("application/json")
                                .body("{\"phase\":\"" + PHASE + "\",\"tiId\":\"" + TI + "\"}").post("/api/v1/contracts"),
                        r -> r.statusCode() == 201).path("contractId");

        // the national administrator: every row of the correlation id, in each service that wrote one
        Suite.asAdmin().queryParam("correlationId", correlationId).get("/api/v1/audit/gateway/entries").then()
                .statusCode(200).body("items.action", contains("api-key.create"))
                .body("items.correlationId", everyItem(equalTo(correlationId)));
        Suite.asAdmin().queryParam("correlationId", correlationId).get("/api/v1/audit/funding/entries").then()
                .statusCode(200).body("items.action", containsInAnyOrder("funding.line.fund", "funding.allocate"))
                .body("items.correlationId", everyItem(equalTo(correlationId)));
        Suite.asAdmin().queryParam("correlationId", correlationId).get("/api/v1/audit/contract/entries").then()
                .statusCode(200).body("items.action", contains("contract.create"))
                .body("items[0].resourceId", equalTo(contractId))
                .body("items[0].territory", equalTo(PHASE + "/" + TI))
                .body("items[0].role", equalTo("region"));
        for (String untouched : new String[]{"territory", "measure", "webhook"}) {
            Suite.asAdmin().queryParam("correlationId", correlationId).get("/api/v1/audit/" + untouched + "/entries")
                    .then().statusCode(200).body("items.size()", equalTo(0));
        }
        Response csv = Suite.asAdmin().accept("text/csv").queryParam("correlationId", correlationId)
                .get("/api/v1/audit/funding/entries.csv");
        csv.then().statusCode(200).contentType("text/csv");
        assertThat(csv.asString().split("\r\n")).hasSize(3);

        // the region: the rows about its territory (the allocation, its contract), not the operator line's nor the key's
        Suite.withKey(regionKey).queryParam("correlationId", correlationId).get("/api/v1/audit/funding/entries").then()
                .statusCode(200).body("items.action", contains("funding.allocate"));
        Suite.withKey(regionKey).queryParam("correlationId", correlationId).get("/api/v1/audit/contract/entries").then()
                .statusCode(200).body("items.action", contains("contract.create"));
        Suite.withKey(regionKey).get("/api/v1/audit/gateway/entries").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
