package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.gouv.ti.funding.Fixture.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * An operator line's funding may name the convention de mobilisation it implements (measure-service's code). The
 * ledger checks the code's form only, keeps it with the LINE_FUNDED transaction, shows it on the answer and on the
 * transaction, and refuses a malformed code writing nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class AnOperatorLineNamesItsConventionByCodeTest {

    @Test
    void theConventionCodeIsKeptWithTheLineFundingAndShownOnTheTransaction() {
        Fixture.programmeFunded();
        String id = post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"BPIFRANCE","sourceCode":"PIA","amountCents":5000,"effectiveDate":"2019-03-05",
                 "conventionCode":"CONV-2019-BPIFRANCE"}""").statusCode(201)
                .body("kind", equalTo("LINE_FUNDED")).body("conventionCode", equalTo("CONV-2019-BPIFRANCE"))
                .extract().jsonPath().getString("transactionId");
        given().header(Identities.HEADER, Identities.nationalAdmin()).get("/api/v1/funding/transactions/" + id)
                .then().statusCode(200).body("conventionCode", equalTo("CONV-2019-BPIFRANCE"));
        assertThat(Fixture.scalar("select count(*) from operator_line_convention where tx_id = '" + id
                + "' and convention_code = 'CONV-2019-BPIFRANCE' and operator = 'BPIFRANCE'")).isEqualTo(1);

        // without one, nothing is recorded and the field is absent
        String plain = post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"BPIFRANCE","sourceCode":"PIA","amountCents":5000,"effectiveDate":"2019-03-05"}""")
                .statusCode(201).body("conventionCode", nullValue()).extract().jsonPath().getString("transactionId");
        given().header(Identities.HEADER, Identities.nationalAdmin()).get("/api/v1/funding/transactions/" + plain)
                .then().statusCode(200).body("conventionCode", nullValue());
    }

    @Test
    void aMalformedConventionCodeIsRefusedAndNothingIsWritten() {
        Fixture.programmeFunded();
        List<Long> before = Fixture.footprint();
        long recorded = Fixture.scalar("select count(*) from operator_line_convention");
        for (String code : List.of("\"conv-2019-bdt\"", "\"CONV-19-BDT\"", "\"Convention ANCT-Bpifrance 2019\"",
                "\"CONV-2019-\"", "42")) {
            post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                    {"operator":"BPIFRANCE","sourceCode":"PIA","amountCents":5000,"effectiveDate":"2019-03-05",
                     "conventionCode":%s}""".formatted(code)).statusCode(400)
                    .contentType("application/problem+json");
        }
        post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"BPIFRANCE","sourceCode":"PIA","amountCents":5000,"effectiveDate":"2019-03-05",
                 "conventionCode":"CONV-2019-bdt"}""").statusCode(400).body("errors.field", hasItem("conventionCode"));
        assertThat(Fixture.footprint()).isEqualTo(before);
        assertThat(Fixture.scalar("select count(*) from operator_line_convention")).isEqualTo(recorded);
    }
}
