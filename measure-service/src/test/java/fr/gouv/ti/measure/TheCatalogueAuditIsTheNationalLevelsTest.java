package fr.gouv.ti.measure;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * The audit trail of measure-service (issue 20): catalogue edits concern no territory, so the national level reads
 * them and a region or an operator nothing; the CSV export never hands a spreadsheet a formula, even in a client
 * name chosen to be one.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class TheCatalogueAuditIsTheNationalLevelsTest {

    private static final String AUDIT = "/api/v1/audit/measure/entries";

    @AfterEach
    void discardDraft() {
        Catalogue.discardAnyDraft();
    }

    @Test
    void catalogueRowsAreReadByTheNationalLevelOnlyAndTheirCsvHoldsNoFormula() {
        Catalogue.discardAnyDraft();
        String correlationId = "audit-measure-" + UUID.randomUUID();
        String formula = Identities.token("=HYPERLINK(\"http://evil.example\")", "national-admin", null, null, null, null);
        given().header(Identities.HEADER, formula).header("X-Correlation-ID", correlationId)
                .contentType("application/json").body("{\"label\":\"Brouillon de test de l'audit\"}")
                .post("/api/v1/catalogue/versions").then().statusCode(201);

        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].action", equalTo("catalogue.draft.open"))
                .body("items[0].resourceType", equalTo("catalogue_version"))
                .body("items[0].actor", equalTo("=HYPERLINK(\"http://evil.example\")"));
        // the seed of the launch basket is audited as a system task
        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("actor", "system:seed")
                .queryParam("action", "catalogue.seed").get(AUDIT).then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(1)).body("items[0].action", equalTo("catalogue.seed"));
        given().header(Identities.HEADER, Identities.region("84")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));

        String csv = given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("correlationId", correlationId)
                .get(AUDIT + ".csv").then().statusCode(200).contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",").contains(correlationId);
        given().header(Identities.HEADER, Identities.anonymous()).get(AUDIT + ".csv").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
