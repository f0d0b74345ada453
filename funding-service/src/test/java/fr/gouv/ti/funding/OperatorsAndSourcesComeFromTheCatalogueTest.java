package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static fr.gouv.ti.funding.Fixture.footprint;
import static fr.gouv.ti.funding.Fixture.post;
import static fr.gouv.ti.funding.Fixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The ledger has no list of operators or funding sources of its own: it accepts the codes measure-service publishes
 * (reference.published on ti.measure.v1), the codes of older sources included.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class OperatorsAndSourcesComeFromTheCatalogueTest {

    @Test
    void poleEmploiIsTakenAsFranceTravail() {
        Fixture.programmeFunded();
        post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"POLE_EMPLOI","sourceCode":"PIA","amountCents":1000,"effectiveDate":"2019-03-05"}""")
                .statusCode(201).body("operator", equalTo("FRANCE_TRAVAIL"));
        assertThat(scalar("select count(*) from account where code = 'line:FRANCE_TRAVAIL'")).isEqualTo(1);
        assertThat(scalar("select count(*) from account where code = 'line:POLE_EMPLOI'")).isZero();
    }

    @Test
    void anUnknownOperatorIsRefusedNamingTheKnownOnes() {
        Fixture.programmeFunded();
        List<Long> before = footprint();
        post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"ACME","sourceCode":"PIA","amountCents":1000,"effectiveDate":"2019-03-05"}""")
                .statusCode(400).contentType("application/problem+json")
                .body("detail", allOf(containsString("ACME"), containsString("BANQUE_DES_TERRITOIRES"),
                        containsString("FRANCE_TRAVAIL")))
                .body("errors.field", hasItem("operator"));
        post(Fixture.ADMIN, "/api/v1/funding/allocations", """
                {"operator":"ACME","phase":"2019-2022","tiId":"ti-0001","measureCode":"INNOVER_PIA",
                 "amountCents":100,"effectiveDate":"2019-06-01"}""")
                .statusCode(400).body("errors.field", hasItem("operator"))
                .body("errors.find { it.field == 'operator' }.message", containsString("BPIFRANCE"));
        // the shape of a code is still checked before anything else
        post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"pole emploi","sourceCode":"PIA","amountCents":1000,"effectiveDate":"2019-03-05"}""")
                .statusCode(400).body("errors.field", hasItem("operator"));
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void aSourceLinePublishedByMeasureServiceIsAcceptedWithoutACodeChange() {
        Fixture.programmeFunded();
        // a test-only code, not a source of the programme: the point is that no list in this service names it
        String line = "TEST_INFRA_NUMERIQUE";
        post(Fixture.ADMIN, "/api/v1/funding/programme/sources/" + line,
                "{\"amountCents\":5000,\"effectiveDate\":\"2019-06-01\",\"reason\":\"test\"}")
                .statusCode(404).body("detail", allOf(containsString("PIC"), containsString("PIA"),
                        containsString("BANQUE_DES_TERRITOIRES")));
        post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"BPIFRANCE","sourceCode":"%s","amountCents":1000,"effectiveDate":"2019-06-02"}"""
                .formatted(line)).statusCode(400).body("errors.field", hasItem("sourceCode"));

        Fixture.publishReference(2, """
                ,{"code":"%s","name":"Ligne de test (infrastructures numériques)","sourceUrl":"https://example.org/test"}"""
                .formatted(line));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scalar("select count(*) from reference_code where kind = 'FUNDING_SOURCE' and code = '" + line + "'") == 1);

        post(Fixture.ADMIN, "/api/v1/funding/programme/sources/" + line,
                "{\"amountCents\":5000,\"effectiveDate\":\"2019-06-01\",\"reason\":\"test\"}").statusCode(201);
        post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"BPIFRANCE","sourceCode":"%s","amountCents":1000,"effectiveDate":"2019-06-02"}"""
                .formatted(line)).statusCode(201).body("sourceCode", equalTo(line));
        assertThat(scalar("select inflow_cents - outflow_cents from account where code = 'source:" + line + "'"))
                .isEqualTo(4000);
    }
}
