package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static fr.gouv.ti.funding.Fixture.footprint;
import static fr.gouv.ti.funding.Fixture.post;
import static fr.gouv.ti.funding.Fixture.scalar;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Security review, finding 5: an operator could set the region of a territory in the ledger (the first allocation's
 * regionCode was stored as given, later correct ones refused, and regional read scopes followed the wrong region).
 * The ledger now takes regions from the registry's events and refuses territories and measures it does not know.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class TheLedgerTakesATerritorysRegionFromTheRegistryTest {

    private static String allocation(String ti, String region, String measure) {
        return """
                {"operator":"BPIFRANCE","phase":"2019-2022","tiId":"%s",%s"measureCode":"%s","amountCents":1000,
                 "effectiveDate":"2019-06-01"}""".formatted(ti, region == null ? "" : "\"regionCode\":\"" + region + "\",",
                measure);
    }

    @Test
    void aWrongRegionIsRefusedEvenOnATerritorysFirstAllocationAndNothingIsWritten() {
        String ti = Fixture.newTerritory(); // region 84 in the registry
        Fixture.lineFunded("BPIFRANCE", 10_000);
        List<Long> before = footprint();
        post("BPIFRANCE", "/api/v1/funding/allocations", allocation(ti, "32", "INNOVER_PIA")).statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("is in region 84, not 32"))
                .body("errors[0].field", equalTo("regionCode"));
        assertThat(footprint()).isEqualTo(before);

        post("BPIFRANCE", "/api/v1/funding/allocations", allocation(ti, "84", "INNOVER_PIA")).statusCode(201);
        assertThat(scalar("select count(*) from account where kind = 'ALLOCATION' and ti_id = '" + ti
                + "' and region_code = '84'")).isEqualTo(1);
    }

    @Test
    void leftOutTheRegionIsTheRegistrysAndRegionalScopesFollowIt() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocatedWithoutRegion("BPIFRANCE", ti, "ATTIRER_BF", 1_000);
        given().header(Identities.HEADER, Identities.region("84")).get("/api/v1/funding/accounts/" + allocation).then()
                .statusCode(200).body("account.regionCode", equalTo("84"));
        given().header(Identities.HEADER, Identities.region("32")).get("/api/v1/funding/accounts/" + allocation).then()
                .statusCode(404);
    }

    @Test
    void aTerritoryOrAMeasureTheLedgerHasNotHeardOfGetsNoMoney() {
        Fixture.lineFunded("BPIFRANCE", 10_000);
        String known = Fixture.newTerritory();
        List<Long> before = footprint();
        post("BPIFRANCE", "/api/v1/funding/allocations", allocation(Fixture.unknownTerritory(), "84", "INNOVER_PIA"))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:ti:problem:unknown-territory"));
        post("BPIFRANCE", "/api/v1/funding/allocations", allocation(known, null, "INNOVER_NOWHERE"))
                .statusCode(422).body("type", equalTo("urn:ti:problem:unknown-measure"));
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void aDelabelledTerritoryGetsNoNewMoneyAndAnOlderSnapshotDoesNotRelabelIt() {
        String ti = Fixture.newTerritory(); // version 1, LABELLED
        Fixture.lineFunded("BPIFRANCE", 10_000);
        snapshot(ti, "fr.gouv.ti.territory.delabelled.v1", "DELABELLED", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar("select count(*) from territory_ref where ti_id = '"
                + ti + "' and status = 'DELABELLED'") == 1);
        String late = snapshot(ti, "fr.gouv.ti.territory.updated.v1", "LABELLED", 1); // redelivered late
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scalar("select count(*) from processed_event where event_id = '" + late + "'") == 1);
        post("BPIFRANCE", "/api/v1/funding/allocations", allocation(ti, null, "INNOVER_PIA")).statusCode(422)
                .body("type", equalTo("urn:ti:problem:territory-delabelled"));
    }

    @Test
    void aTerritoryThatStraddlesTwoRegionsIsBookedInItsLeadRegionAndBothRegionsSeeItsMoney() {
        // issue 20: 27 territories have groupements in two regions; the second one saw none of their money
        String ti = Fixture.unknownTerritory();
        Fixture.territoriesKnown(List.of(ti), "27", "84");
        Fixture.lineFunded("BPIFRANCE", 10_000);
        var posted = post("BPIFRANCE", "/api/v1/funding/allocations", allocation(ti, "84", "INNOVER_PIA"))
                .statusCode(201).extract().jsonPath();
        assertThat(posted.getString("accounts.find { it.kind == 'ALLOCATION' }.regionCode")).isEqualTo("27");
        long account = posted.getLong("accounts.find { it.kind == 'ALLOCATION' }.id");
        String tx = posted.getString("transactionId");
        for (String region : List.of("27", "84")) {
            given().header(Identities.HEADER, Identities.region(region)).get("/api/v1/funding/accounts/" + account)
                    .then().statusCode(200);
            given().header(Identities.HEADER, Identities.region(region)).get("/api/v1/funding/accounts?tiId=" + ti)
                    .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem((int) account));
            given().header(Identities.HEADER, Identities.region(region)).get("/api/v1/funding/transactions/" + tx)
                    .then().statusCode(200);
        }
        given().header(Identities.HEADER, Identities.region("53")).get("/api/v1/funding/accounts/" + account).then()
                .statusCode(404);
        given().header(Identities.HEADER, Identities.region("53")).get("/api/v1/funding/accounts?tiId=" + ti).then()
                .statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aFicheActionsFundingIsReadOnlyWithinTheCallersScope() {
        // the README said GET /api/v1/funding/actions/{actionId} is scoped; the code checked the role only (issue 21)
        String ti = Fixture.newTerritory(); // region 84
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        String path = "/api/v1/funding/actions/" + action;
        for (String allowed : List.of(Identities.nationalAdmin(), Identities.operator("BPIFRANCE"), Identities.region("84"),
                Identities.territoryTeam("2019-2022", ti))) {
            given().header(Identities.HEADER, allowed).get(path).then().statusCode(200).body("actionId", equalTo(action));
        }
        for (String outside : List.of(Identities.region("53"), Identities.territoryTeam("2019-2022", "ti-0001"))) {
            given().header(Identities.HEADER, outside).get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().header(Identities.HEADER, Identities.anonymous()).get(path).then().statusCode(401);
    }

    /** Publishes a territory snapshot; returns its event id. */
    private static String snapshot(String ti, String type, String status, long version) {
        String id = UUID.randomUUID().toString();
        TopicProbe.send("ti.territory.v1", "2019-2022/" + ti, """
                        {"phase":"2019-2022","tiId":"%s","regionCode":"84","regionCodes":["84"],"status":"%s",
                         "version":%d}""".formatted(ti, status, version),
                "ce_id", id, "ce_type", type, "ce_source", "/territory-service", "ce_specversion", "1.0");
        return id;
    }
}
