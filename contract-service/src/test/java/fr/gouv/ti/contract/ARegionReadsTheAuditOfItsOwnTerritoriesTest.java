package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * The audit trail of contract-service (issue 20): a region reads the rows about its own territories, whoever wrote
 * them, and not those about another region's; the rows carry the territory; an operator reads none of the others'.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class ARegionReadsTheAuditOfItsOwnTerritoriesTest {

    private static final String AUDIT = "/api/v1/audit/contract/entries";
    private static final String PHASE = "2023-2027";

    @Test
    void aRegionReadsTheRowsOfItsTerritoriesOnlyWhoeverWroteThem() {
        territory("ti-8481", "Territoire d'audit Auvergne-Rhône-Alpes", "84", "200035731");
        territory("ti-2781", "Territoire d'audit Bourgogne-Franche-Comté", "27", "242101442");
        String correlationId = "audit-contract-" + UUID.randomUUID();
        String ours = open(Identities.region("84"), "ti-8481", correlationId);
        String theirs = open(Identities.nationalAdmin(), "ti-2781", correlationId);

        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(2));

        given().header(Identities.HEADER, Identities.region("84")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].resourceType", equalTo("contract"))
                .body("items[0].resourceId", equalTo(ours))
                .body("items[0].action", equalTo("contract.create"))
                .body("items[0].territory", equalTo(PHASE + "/ti-8481"))
                .body("items[0].regionCodes", equalTo(List.of("84")))
                .body("items[0].scope", equalTo("region:84"));
        // a row the national administrator wrote about region 27's territory is region 27's to read, not 84's
        given().header(Identities.HEADER, Identities.region("27")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].resourceId", equalTo(theirs))
                .body("items[0].role", equalTo("national-admin"));
        given().header(Identities.HEADER, Identities.region("84")).queryParam("limit", 500).get(AUDIT).then()
                .statusCode(200).body("items.regionCodes.flatten()", everyItem(equalTo("84")));
        String csv = given().header(Identities.HEADER, Identities.region("84")).queryParam("correlationId", correlationId)
                .get(AUDIT + ".csv").then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv).contains(ours).doesNotContain(theirs);

        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.territoryTeam(PHASE, "ti-8481")).get(AUDIT).then()
                .statusCode(403).contentType("application/problem+json");
    }

    private static String open(String identity, String tiId, String correlationId) {
        return given().header(Identities.HEADER, identity).header("X-Correlation-ID", correlationId)
                .contentType("application/json").body("{\"phase\":\"" + PHASE + "\",\"tiId\":\"" + tiId + "\"}")
                .post("/api/v1/contracts").then().statusCode(201).extract().path("contractId");
    }

    private static void territory(String tiId, String name, String region, String epci) {
        Fixtures.send("ti.territory.v1", PHASE + "/" + tiId, "fr.gouv.ti.territory.labelled.v1", """
                {"phase":"%s","tiId":"%s","name":"%s","regionCode":"%s","departmentCodes":[],"status":"LABELLED",
                 "labelledOn":"2023-06-01","perimeter":[%s],"pilots":[]}"""
                .formatted(PHASE, tiId, name, region, Fixtures.m(epci, "EPCI " + epci, "CA")));
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() ->
                Db.count("select count(*) from territory_projection where phase = ? and ti_id = ?", PHASE, tiId) == 1);
    }
}
