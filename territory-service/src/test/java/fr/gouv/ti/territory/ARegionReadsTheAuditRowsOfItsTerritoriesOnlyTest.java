package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit trail of territory-service (issue 20): the national administrator reads the rows of its writes; the
 * region of the territory reads the territory's row, not the phase's (a row about no territory is not a region's);
 * another region and operators read nothing of it; a territory team is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class ARegionReadsTheAuditRowsOfItsTerritoriesOnlyTest {

    private static final String AUDIT = "/api/v1/audit/territory/entries";

    @Test
    void theTerritorysRowIsItsRegionsAndThePhasesRowTheNationalLevelsOnly() {
        String phase = "2085-2089"; // a phase no other test class uses
        String correlationId = "audit-territory-" + UUID.randomUUID();
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("X-Correlation-ID", correlationId)
                .contentType("application/json")
                .body(AdminWritesNeedIfMatchAndEmitEventsTest.ROANNE.formatted(phase, "ti-8401"))
                .post("/api/v1/territories").then().statusCode(201);

        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.action", containsInAnyOrder("phase.create", "territory.label"))
                .body("items.actor", containsInAnyOrder("admin-test", "admin-test"));
        given().header(Identities.HEADER, Identities.region("84")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].action", equalTo("territory.label"))
                .body("items[0].resourceId", equalTo(phase + "/ti-8401"))
                .body("items[0].territory", equalTo(phase + "/ti-8401"))
                .body("items[0].regionCodes", equalTo(List.of("84")));
        given().header(Identities.HEADER, Identities.region("84")).queryParam("territory", phase + "/ti-8401")
                .queryParam("action", "territory.label").get(AUDIT).then().statusCode(200).body("items.size()", equalTo(1));
        given().header(Identities.HEADER, Identities.region("53")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.territoryTeam(phase, "ti-8401")).get(AUDIT).then()
                .statusCode(403).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("to", "hier").get(AUDIT).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
    }
}
