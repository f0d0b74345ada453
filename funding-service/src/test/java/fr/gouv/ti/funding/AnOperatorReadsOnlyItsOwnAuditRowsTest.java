package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The audit trail of funding-service (issue 20): the national administrator reads every row, an operator only the
 * rows of its own writes, a region those about its territories; other roles are refused; bad filters are a 400
 * naming them; pages follow the cursor; the CSV holds what the JSON pages hold.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class AnOperatorReadsOnlyItsOwnAuditRowsTest {

    private static final String AUDIT = "/api/v1/audit/funding/entries";

    @Test
    void anOperatorReadsOnlyTheRowsOfItsOwnWritesAndARegionThoseOfItsTerritories() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BANQUE_DES_TERRITOIRES", ti, "ATTIRER_BDT", 100_000);
        Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 100_000);
        String action = Fixture.actionKnown(ti, List.of("ATTIRER_BDT", "INNOVER_PIA"));
        String correlationId = "audit-" + UUID.randomUUID();
        String bdtCommitment = commit("BANQUE_DES_TERRITOIRES", action, "ATTIRER_BDT", correlationId);
        String bpiCommitment = commit("BPIFRANCE", action, "INNOVER_PIA", correlationId);

        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.scope", containsInAnyOrder("operator:BANQUE_DES_TERRITOIRES", "operator:BPIFRANCE"))
                .body("items.resourceId", containsInAnyOrder(bdtCommitment, bpiCommitment))
                .body("items.territory", everyItem(equalTo("2019-2022/" + ti)))
                .body("items.regionCodes", everyItem(equalTo(List.of("84"))))
                .body("items.correlationId", everyItem(equalTo(correlationId)))
                .body("nextCursor", nullValue());

        // the operator: its own row only, and nothing but its own rows however it asks
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].resourceId", equalTo(bpiCommitment))
                .body("items[0].role", equalTo("operator"));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).queryParam("limit", 500)
                .get(AUDIT).then().statusCode(200)
                .body("items.scope", everyItem(equalTo("operator:BPIFRANCE")))
                .body("items.resourceId", not(hasItem(bdtCommitment)));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE"))
                .queryParam("actor", "operator-banque_des_territoires")
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));
        String csv = given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).get(AUDIT + ".csv")
                .then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"audit-funding.csv\"").extract().asString();
        assertThat(csv).startsWith("id,at,actor,client_name,role,scope,action,resource_type,resource_id,correlation_id")
                .contains(bpiCommitment).doesNotContain(bdtCommitment).doesNotContain("operator:BANQUE_DES_TERRITOIRES");

        // the region of the territory reads both commitments (and the allocations) on it; another region nothing
        given().header(Identities.HEADER, Identities.region("84")).queryParam("correlationId", correlationId)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(2));
        given().header(Identities.HEADER, Identities.region("84")).queryParam("territory", "2019-2022/" + ti)
                .queryParam("resourceType", "ledger-transaction")
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(4));
        given().header(Identities.HEADER, Identities.region("53")).queryParam("territory", "2019-2022/" + ti)
                .get(AUDIT).then().statusCode(200).body("items.size()", equalTo(0));

        // other roles
        given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", ti)).get(AUDIT)
                .then().statusCode(403).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", ti)).get(AUDIT + ".csv")
                .then().statusCode(403).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.anonymous()).get(AUDIT)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithoutRepeatOrGap() {
        String ti = Fixture.newTerritory();
        String correlationId = "audit-pages-" + UUID.randomUUID();
        Fixture.lineFunded("BPIFRANCE", 300);
        for (int i = 0; i < 3; i++) {
            given().header(Identities.HEADER, Identities.nationalAdmin()).header("X-Correlation-ID", correlationId)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json")
                    .body("""
                            {"operator":"BPIFRANCE","phase":"2019-2022","tiId":"%s","regionCode":"84","measureCode":"INNOVER_PIA",
                             "amountCents":100,"effectiveDate":"2019-06-01"}""".formatted(ti))
                    .post("/api/v1/funding/allocations").then().statusCode(201);
        }
        List<Long> all = given().header(Identities.HEADER, Identities.nationalAdmin())
                .queryParam("correlationId", correlationId).get(AUDIT).then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
        assertThat(all).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        List<Long> paged = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var spec = given().header(Identities.HEADER, Identities.nationalAdmin())
                    .queryParam("correlationId", correlationId).queryParam("limit", 1);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.get(AUDIT).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void malformedFiltersAreA400NamingThem() {
        for (String[] bad : new String[][]{{"from", "yesterday"}, {"to", "2026-13-01T00:00:00Z"}, {"cursor", "!!"},
                {"cursor", "bm90LWEta2V5c2V0"}, {"limit", "0"}, {"limit", "501"}, {"limit", "ten"},
                {"territory", "ti-8411"}, {"correlationId", "a b"}, {"actor", "x".repeat(201)}}) {
            given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam(bad[0], bad[1]).get(AUDIT)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad[0]));
        }
        given().header(Identities.HEADER, Identities.nationalAdmin()).queryParam("from", "yesterday").get(AUDIT + ".csv")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().header(Identities.HEADER, Identities.nationalAdmin())
                .queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2020-01-02T00:00:00+01:00").get(AUDIT)
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    private static String commit(String operator, String action, String measure, String correlationId) {
        return given().header(Identities.HEADER, Identities.operator(operator)).header("X-Correlation-ID", correlationId)
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json")
                .body("""
                        {"actionId":"%s","measureCode":"%s","amountCents":1000,"effectiveDate":"2020-03-10",
                         "beneficiaryName":"Communauté de communes de test","beneficiarySiret":"20003573100013"}"""
                        .formatted(action, measure))
                .post("/api/v1/funding/commitments").then().statusCode(201)
                .extract().jsonPath().getString("transactionId");
    }
}
