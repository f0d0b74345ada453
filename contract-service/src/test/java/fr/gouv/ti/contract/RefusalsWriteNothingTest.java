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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Each refusal is a 4xx problem+json with a clear message, and leaves the database as it was. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class RefusalsWriteNothingTest {

    static final String REGION_84 = Identities.region("84");

    @BeforeEach
    void projections() {
        Fixtures.ensureProjections();
    }

    /** The open contract of Rumilly Usses et Rhône (ti-8412), created once and left in PREPARATION by these tests. */
    static synchronized String rumilly() {
        String existing = Db.string("select id::text from contract where ti_id = 'ti-8412' and state <> 'ABANDONED'");
        return existing != null ? existing : Fixtures.openContract(REGION_84, "ti-8412");
    }

    @Test
    void aSignatoryEpciOutsideThePerimeterIsRefusedAndNothingIsWritten() {
        String id = rumilly();
        long before = Db.rowsAbout(id);
        // 200035202 (CC Charlieu-Belmont) belongs to Roanne - Tarare, not to Rumilly
        Fixtures.transition(REGION_84, id, "protocol-signature", """
                {"effectiveDate":"2019-06-20","documentReference":"P","signatories":%s}"""
                .formatted(Fixtures.signatories("84", "200070852", "200035202")))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("signatories.epcis[1]"))
                .body("detail", containsString("200035202 is not in the perimeter of territory 2019-2022/ti-8412"));
        assertThat(Db.rowsAbout(id)).isEqualTo(before);
        assertThat(Db.string("select state from contract where id = ?::uuid", id)).isEqualTo("PREPARATION");
    }

    @Test
    void aRegionSigningForAnotherRegionsTerritoryIsRefused() {
        String id = rumilly();
        long before = Db.rowsAbout(id);
        Fixtures.transition(REGION_84, id, "protocol-signature", """
                {"effectiveDate":"2019-06-20","documentReference":"P","signatories":%s}"""
                .formatted(Fixtures.signatories("27", "200070852", "247400740")))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("signatories.region"))
                .body("detail", containsString("region 27 is not the lead region of territory 2019-2022/ti-8412 (84)"));
        assertThat(Db.rowsAbout(id)).isEqualTo(before);
    }

    @Test
    void region84CannotManageTheContractOfARegion27Territory() {
        long contracts = Db.count("select count(*) from contract");
        given().header(Identities.HEADER, REGION_84).contentType("application/json")
                .body("{\"phase\":\"2019-2022\",\"tiId\":\"ti-2701\"}").post("/api/v1/contracts")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("is in region 27"));
        assertThat(Db.count("select count(*) from contract")).isEqualTo(contracts);

        // opened by its own region, region 84 still cannot sign it
        String id = Db.string("select id::text from contract where ti_id = 'ti-2701' and state <> 'ABANDONED'");
        if (id == null) {
            id = Fixtures.openContract(Identities.region("27"), "ti-2701");
        }
        long before = Db.rowsAbout(id);
        Fixtures.transition(REGION_84, id, "protocol-signature", """
                {"effectiveDate":"2019-06-20","documentReference":"P","signatories":%s}"""
                .formatted(Fixtures.signatories("84", "200071017")))
                .statusCode(403).contentType("application/problem+json");
        assertThat(Db.rowsAbout(id)).isEqualTo(before);
        // ...nor may a territory team or an operator
        Fixtures.transition(Identities.operator("BPIFRANCE"), id, "abandonment",
                "{\"effectiveDate\":\"2019-06-20\",\"documentReference\":\"P\"}").statusCode(403);
        Fixtures.transition(Identities.anonymous(), id, "abandonment",
                "{\"effectiveDate\":\"2019-06-20\",\"documentReference\":\"P\"}").statusCode(401);
        assertThat(Db.rowsAbout(id)).isEqualTo(before);
    }

    @Test
    void aFicheActionWithARetiredOrUnknownMeasureIsRefusedAndNothingIsWritten() {
        String id = rumilly();
        long actions = Db.count("select count(*) from action");
        long outbox = Db.count("select count(*) from outbox_event");
        String team = Identities.territoryTeam("2019-2022", "ti-8412");
        // retired on 2019-05-01 by measure.retired
        given().header(Identities.HEADER, team).contentType("application/json")
                .body(Fixtures.action("Ingénierie", "RECRUTER", Fixtures.INGENIERIE, "2019-09-15", "247400740", 100_000L))
                .post("/api/v1/contracts/" + id + "/actions").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("measureCodes[0]"))
                .body("detail", containsString("was retired on 2019-05-01"));
        // RETIRED in the catalogue
        given().header(Identities.HEADER, team).contentType("application/json")
                .body(Fixtures.action("Ancienne", "ATTIRER", Fixtures.OLD, "2019-09-15", "247400740", 100_000L))
                .post("/api/v1/contracts/" + id + "/actions").then().statusCode(422)
                .body("detail", containsString("is retired"));
        // unknown code
        given().header(Identities.HEADER, team).contentType("application/json")
                .body(Fixtures.action("Inconnue", "RECRUTER", "M-NOPE", "2019-09-15", "247400740", 100_000L))
                .post("/api/v1/contracts/" + id + "/actions").then().statusCode(422)
                .body("detail", containsString("unknown measure M-NOPE"));
        // before its retirement the same measure was usable: the date is what counts
        // (not created here, to leave the contract empty) -> checked by the rule only through the refusals above
        assertThat(Db.count("select count(*) from action")).isEqualTo(actions);
        assertThat(Db.count("select count(*) from outbox_event")).isEqualTo(outbox);
    }

    @Test
    void aFicheActionIsCheckedForItsLeadOrganisationEpciAxisAndFunding() {
        String id = rumilly();
        long actions = Db.count("select count(*) from action");
        String body = """
                {"title":"T","axis":"INNOVATION","measureCodes":["%s"],"actionDate":"2019-09-15",
                 "leadOrganisation":{"name":"X","siren":"552008442"},"epciSiren":"200035731",
                 "estimatedCostCents":1000,"requestedFunding":[{"operator":"BPIFRANCE","amountCents":800},
                 {"operator":"NOBODY","amountCents":100},{"operator":"ADEME","amountCents":300}]}""".formatted(Fixtures.VTE);
        given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", "ti-8412")).contentType("application/json")
                .body(body).post("/api/v1/contracts/" + id + "/actions").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("axis", "leadOrganisation.siren", "epciSiren",
                        "requestedFunding[1].operator", "requestedFunding"));
        // another territory's team may not touch this contract
        given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", "ti-8411")).contentType("application/json")
                .body(Fixtures.action("T", "RECRUTER", Fixtures.VTE, "2019-09-15", "247400740", 1000L))
                .post("/api/v1/contracts/" + id + "/actions").then().statusCode(403).contentType("application/problem+json");
        // a decimal amount is refused, not truncated
        given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", "ti-8412")).contentType("application/json")
                .body(Fixtures.action("T", "RECRUTER", Fixtures.VTE, "2019-09-15", "247400740", 1000L)
                        .replace("\"estimatedCostCents\":1000", "\"estimatedCostCents\":10.5"))
                .post("/api/v1/contracts/" + id + "/actions").then().statusCode(400).contentType("application/problem+json");
        assertThat(Db.count("select count(*) from action")).isEqualTo(actions);
    }

    @Test
    void anIllegalTransitionNamesTheCurrentStateAndTheAllowedOnes() {
        String id = rumilly();
        long before = Db.rowsAbout(id);
        Fixtures.transition(REGION_84, id, "contract-signature", """
                {"effectiveDate":"2019-06-20","documentReference":"C","signatories":%s}"""
                .formatted(Fixtures.signatories("84", "200070852")))
                .statusCode(409).contentType("application/problem+json")
                .body("currentState", equalTo("PREPARATION"))
                .body("allowedTransitions", containsInAnyOrder("PROTOCOL_SIGNED", "ABANDONED"));
        Fixtures.transition(REGION_84, id, "closure", "{\"effectiveDate\":\"2019-06-20\",\"documentReference\":\"C\"}")
                .statusCode(409).body("currentState", equalTo("PREPARATION"));
        assertThat(Db.rowsAbout(id)).isEqualTo(before);
    }

    @Test
    void datesOutsideThePeriodOrInTheFutureAreRefused() {
        String id = rumilly();
        long before = Db.rowsAbout(id);
        Fixtures.transition(REGION_84, id, "protocol-signature", """
                {"effectiveDate":"2018-12-01","documentReference":"P","signatories":%s}"""
                .formatted(Fixtures.signatories("84", "200070852")))
                .statusCode(422).body("detail", containsString("within the contract period 2019-01-01..2022-12-31"));
        Fixtures.transition(REGION_84, id, "protocol-signature", """
                {"effectiveDate":"2099-01-01","documentReference":"P","signatories":%s}"""
                .formatted(Fixtures.signatories("84", "200070852")))
                .statusCode(422).body("detail", containsString("in the future"));
        assertThat(Db.rowsAbout(id)).isEqualTo(before);
    }

    @Test
    void updatesNeedTheCurrentETag() {
        String id = rumilly();
        long before = Db.rowsAbout(id);
        String body = "{\"effectiveDate\":\"2019-06-20\",\"documentReference\":\"P\",\"signatories\":"
                + Fixtures.signatories("84", "200070852") + "}";
        given().header(Identities.HEADER, REGION_84).contentType("application/json").body(body)
                .post("/api/v1/contracts/" + id + "/protocol-signature").then().statusCode(428)
                .contentType("application/problem+json");
        given().header(Identities.HEADER, REGION_84).header("If-Match", "\"999\"").contentType("application/json").body(body)
                .post("/api/v1/contracts/" + id + "/protocol-signature").then().statusCode(412)
                .contentType("application/problem+json");
        assertThat(Db.rowsAbout(id)).isEqualTo(before);
    }

    @Test
    void aTerritoryNotYetProjectedIsAConflictNotAnError() {
        String id = rumilly();
        long contracts = Db.count("select count(*) from contract");
        given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json")
                .body("{\"phase\":\"2019-2022\",\"tiId\":\"ti-9999\"}").post("/api/v1/contracts")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("has not received territory 2019-2022/ti-9999"));
        // a second contract for the same territory is a conflict too
        given().header(Identities.HEADER, REGION_84).contentType("application/json")
                .body("{\"phase\":\"2019-2022\",\"tiId\":\"ti-8412\"}").post("/api/v1/contracts")
                .then().statusCode(409).body("contractId", equalTo(id));
        assertThat(Db.count("select count(*) from contract")).isEqualTo(contracts);
    }
}
