package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static fr.gouv.ti.funding.Fixture.footprint;
import static fr.gouv.ti.funding.Fixture.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class AnOperatorMovesMoneyOnlyOnItsOwnLineTest {

    @Test
    void anotherOperatorsLineIsForbiddenAndNothingIsWritten() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BANQUE_DES_TERRITOIRES", ti, "ATTIRER_BDT", 100_000);
        String action = Fixture.actionKnown(ti, List.of("ATTIRER_BDT"));
        long commitment = Fixture.committed("BANQUE_DES_TERRITOIRES", action, "ATTIRER_BDT", 10_000);
        String commitTx = given().header(Identities.HEADER, Identities.nationalAdmin())
                .get("/api/v1/funding/journal?kind=COMMITTED&actionId=" + action).then().statusCode(200)
                .extract().jsonPath().getString("items[0].transactionId");
        List<Long> before = footprint();

        post("BPIFRANCE", "/api/v1/funding/commitments", """
                {"actionId":"%s","operator":"BANQUE_DES_TERRITOIRES","measureCode":"ATTIRER_BDT","amountCents":100,
                 "effectiveDate":"2020-03-10"}""".formatted(action))
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("BANQUE_DES_TERRITOIRES"));
        post("BPIFRANCE", "/api/v1/funding/allocations", """
                {"operator":"BANQUE_DES_TERRITOIRES","phase":"2019-2022","tiId":"%s","regionCode":"84",
                 "measureCode":"ATTIRER_BDT","amountCents":100,"effectiveDate":"2019-06-01"}""".formatted(ti))
                .statusCode(403);
        // another operator's commitment or transaction, addressed by id, does not exist for BPIFRANCE: the same 404
        // as an id that exists nowhere (issue 18, finding 10: authorization before existence, no enumeration)
        post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                "{\"amountCents\":100,\"effectiveDate\":\"2020-06-01\"}").statusCode(404)
                .body("detail", equalTo("No commitment " + commitment + "."));
        post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/cancellation",
                "{\"reason\":\"not mine\",\"effectiveDate\":\"2020-06-01\"}").statusCode(404)
                .body("detail", equalTo("No commitment " + commitment + "."));
        post("BPIFRANCE", "/api/v1/funding/transactions/" + commitTx + "/reversal",
                "{\"reason\":\"not mine\",\"effectiveDate\":\"2020-06-01\"}").statusCode(404)
                .body("detail", equalTo("No transaction " + commitTx + "."));
        long missing = commitment + 1_000_000;
        post("BPIFRANCE", "/api/v1/funding/commitments/" + missing + "/disbursements",
                "{\"amountCents\":100,\"effectiveDate\":\"2020-06-01\"}").statusCode(404)
                .body("detail", equalTo("No commitment " + missing + "."));
        post("BPIFRANCE", "/api/v1/funding/programme/sources/PIC",
                "{\"amountCents\":100,\"effectiveDate\":\"2019-06-01\"}").statusCode(403);
        given().header(Identities.HEADER, Identities.anonymous()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json").body("{\"amountCents\":100,\"effectiveDate\":\"2020-06-01\"}")
                .post("/api/v1/funding/commitments/" + commitment + "/disbursements").then().statusCode(401);
        assertThat(footprint()).isEqualTo(before);

        // reads are scoped too
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).get("/api/v1/funding/accounts/" + allocation)
                .then().statusCode(404).body("detail", equalTo("No account " + allocation + "."));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).get("/api/v1/funding/transactions/" + commitTx)
                .then().statusCode(404).body("detail", equalTo("No transaction " + commitTx + "."));
        given().header(Identities.HEADER, Identities.region("53")).get("/api/v1/funding/accounts/" + allocation)
                .then().statusCode(404);
        given().header(Identities.HEADER, Identities.operator("BANQUE_DES_TERRITOIRES")).get("/api/v1/funding/accounts/" + allocation)
                .then().statusCode(200).body("balance.allocatedCents", equalTo(100_000))
                .body("balance.committedCents", equalTo(10_000));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).get("/api/v1/funding/journal?actionId=" + action)
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE"))
                .get("/api/v1/funding/accounts?operator=BANQUE_DES_TERRITOIRES").then().statusCode(403);
        given().header(Identities.HEADER, Identities.operator("BANQUE_DES_TERRITOIRES"))
                .get("/api/v1/funding/accounts?tiId=" + ti + "&updatedSince=2020-01-01T00:00:00Z").then().statusCode(200)
                .body("items.size()", equalTo(3)).body("items.operator", org.hamcrest.Matchers.everyItem(equalTo("BANQUE_DES_TERRITOIRES")));
        given().header(Identities.HEADER, Identities.operator("BANQUE_DES_TERRITOIRES"))
                .get("/api/v1/funding/accounts?updatedSince=2099-01-01T00:00:00Z").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().header(Identities.HEADER, Identities.operator("BANQUE_DES_TERRITOIRES"))
                .get("/api/v1/funding/accounts?updatedSince=yesterday").then().statusCode(400);
    }

    @Test
    void anOperatorWithoutAnAllocationForTheMeasureCannotCommit() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BANQUE_DES_TERRITOIRES", ti, "ATTIRER_BDT", 100_000);
        String action = Fixture.actionKnown(ti, List.of("ATTIRER_BDT"));
        List<Long> before = footprint();
        post("BPIFRANCE", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"ATTIRER_BDT","amountCents":100,"effectiveDate":"2020-03-10"}"""
                .formatted(action)).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:ti:problem:unknown-account"));
        assertThat(footprint()).isEqualTo(before);
    }
}
