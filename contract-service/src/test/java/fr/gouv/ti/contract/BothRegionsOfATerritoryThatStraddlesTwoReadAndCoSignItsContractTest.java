package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * Issue 20: 27 territories have groupements in two regions, and only the lead region could see or sign their
 * contract. Aurillac - Figeac - Rodez (2019-2022/ti-7601, from the seed data) is led by Occitanie (76) and reaches
 * the Cantal, in Auvergne-Rhône-Alpes (84): the lead opens the contract, both read it in full and co-sign it, a third
 * region does neither.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class BothRegionsOfATerritoryThatStraddlesTwoReadAndCoSignItsContractTest {

    static final String OCCITANIE = Identities.region("76");
    static final String AURA = Identities.region("84");
    static final String BRETAGNE = Identities.region("53");

    @BeforeEach
    void projections() {
        Fixtures.ensureProjections();
    }

    @Test
    void theLeadRegionOpensTheOtherReadsAndCoSignsAThirdDoesNeither() {
        given().header(Identities.HEADER, AURA).contentType("application/json")
                .body("{\"phase\":\"2019-2022\",\"tiId\":\"ti-7601\"}").post("/api/v1/contracts").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("its lead region 76 opens the contract"));
        String id = Db.string("select id::text from contract where ti_id = 'ti-7601' and state <> 'ABANDONED'");
        if (id == null) {
            id = Fixtures.openContract(OCCITANIE, "ti-7601");
        }
        for (String region : new String[]{OCCITANIE, AURA}) {
            given().header(Identities.HEADER, region).get("/api/v1/contracts/" + id + "/history").then().statusCode(200);
        }
        given().header(Identities.HEADER, BRETAGNE).get("/api/v1/contracts/" + id + "/history").then().statusCode(403);
        given().header(Identities.HEADER, AURA).get("/api/v1/contracts?regionCode=84&tiId=ti-7601").then()
                .statusCode(200).body("items.contractId", hasItem(id));
        given().header(Identities.HEADER, AURA).get("/api/v1/contracts?regionCode=53&tiId=ti-7601").then()
                .statusCode(200).body("items.contractId", not(hasItem(id)));

        // a third region is not a co-signatory, and cannot record the step
        long before = Db.rowsAbout(id);
        Fixtures.transition(AURA, id, "protocol-signature", """
                {"effectiveDate":"2019-07-01","documentReference":"PROTOCOLE-TI-7601",
                 "signatories":{"epcis":["241200187","241500230"],"region":"76","coRegions":["53"]}}""")
                .statusCode(422).body("errors.field", hasItem("signatories.coRegions[0]"));
        Fixtures.transition(BRETAGNE, id, "protocol-signature", """
                {"effectiveDate":"2019-07-01","documentReference":"PROTOCOLE-TI-7601",
                 "signatories":{"epcis":["241200187","241500230"],"region":"76"}}""").statusCode(403);
        assertThat(Db.rowsAbout(id)).isEqualTo(before);

        // the second region records the protocol both regions signed
        Fixtures.transition(AURA, id, "protocol-signature", """
                {"effectiveDate":"2019-07-01","documentReference":"PROTOCOLE-TI-7601",
                 "signatories":{"epcis":["241200187","241500230"],"region":"76","coRegions":["84"]}}""")
                .statusCode(200);
        given().header(Identities.HEADER, OCCITANIE).get("/api/v1/contracts/" + id + "/history").then().statusCode(200)
                .body("transitions[0].signatories.findAll { it.kind == 'REGION' }.code", hasItems("76", "84"));
    }
}
