package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Territories with a signed protocol / contract at a date, per region, against ≈40 by summer 2019 and ≈100 by end 2019. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class ProgressAgainstNationalTargetsTest {

    @Test
    void theReportCountsProtocolsAndContractsPerRegionOnAnyDateAsJsonAndCsv() {
        Fixtures.ensureProjections();
        // region 93 (Provence-Alpes-Côte d'Azur) is used by this test only: Avignon-Sorgues-Cavaillon-Ventoux
        String region93 = Identities.region("93");
        String id = Db.string("select id::text from contract where ti_id = 'ti-9302' and state <> 'ABANDONED'");
        if (id == null) {
            id = Fixtures.openContract(region93, "ti-9302");
            Fixtures.transition(region93, id, "protocol-signature", """
                    {"effectiveDate":"2019-07-10","documentReference":"P-9302","signatories":%s}"""
                    .formatted(Fixtures.signatories("93", "248400251", "248400293"))).statusCode(200);
            Fixtures.transition(region93, id, "contract-signature", """
                    {"effectiveDate":"2019-11-05","documentReference":"C-9302","signatories":%s}"""
                    .formatted(Fixtures.signatories("93", "248400251"))).statusCode(200);
        }

        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/reports/progress?phase=2019-2022&asOf=2019-07-09").then().statusCode(200)
                .body("regions.find { it.regionCode == '93' }.protocols", equalTo(0))
                .body("regions.find { it.regionCode == '93' }.territories", equalTo(1));
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/reports/progress?phase=2019-2022&asOf=2019-07-31").then().statusCode(200)
                .body("regions.find { it.regionCode == '93' }.protocols", equalTo(1))
                .body("regions.find { it.regionCode == '93' }.contracts", equalTo(0))
                .body("targets", hasSize(2))
                .body("targets[0].label", equalTo("summer 2019")).body("targets[0].protocolsTarget", equalTo(40))
                .body("targets[1].date", equalTo("2019-12-31")).body("targets[1].protocolsTarget", equalTo(100))
                .body("targets[1].reached", equalTo(false));
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/reports/progress?phase=2019-2022&asOf=2019-12-31").then().statusCode(200)
                .body("regions.find { it.regionCode == '93' }.protocols", equalTo(1))
                .body("regions.find { it.regionCode == '93' }.contracts", equalTo(1));

        String csv = given().header(Identities.HEADER, Identities.anonymous()).accept("text/csv")
                .get("/api/v1/reports/progress?phase=2019-2022&asOf=2019-12-31").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("phase,as_of,region_code,labelled_territories,territories_with_protocol,territories_with_contract");
        assertThat(csv.lines()).contains("2019-2022,2019-12-31,93,1,1,1");
        assertThat(csv.lines().reduce((a, b) -> b).orElseThrow()).startsWith("2019-2022,2019-12-31,ALL,");
        // the spreadsheet variant (issue 20, part 7): the same cells, semicolon separated, after a byte order mark
        String semicolon = given().header(Identities.HEADER, Identities.anonymous()).accept("text/csv")
                .get("/api/v1/reports/progress?phase=2019-2022&asOf=2019-12-31&separator=semicolon").then()
                .statusCode(200).contentType("text/csv").extract().asString();
        assertThat(semicolon).isEqualTo("\uFEFF" + csv.replace(',', ';'));
        given().header(Identities.HEADER, Identities.anonymous()).accept("text/csv")
                .get("/api/v1/reports/progress?phase=2019-2022&separator=tab").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("separator"));

        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/reports/progress")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
