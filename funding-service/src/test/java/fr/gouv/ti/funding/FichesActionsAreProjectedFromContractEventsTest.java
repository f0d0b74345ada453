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

import static fr.gouv.ti.funding.Fixture.post;
import static fr.gouv.ti.funding.Fixture.scalar;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class FichesActionsAreProjectedFromContractEventsTest {

    @Test
    void anUpdatedFicheActionChangesWhatMayBeCommittedAndOtherEventsAreIgnored() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 10_000);
        Fixture.allocated("BPIFRANCE", ti, "RECRUTER_PIC", 10_000);
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        String commit = """
                {"actionId":"%s","measureCode":"RECRUTER_PIC","amountCents":100,"effectiveDate":"2020-03-10"}"""
                .formatted(action);
        post("BPIFRANCE", "/api/v1/funding/commitments", commit).statusCode(422);

        // an event type funding-service does not know is ignored, redelivery of the same ce_id is a no-op
        String unknownId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            TopicProbe.send("ti.contract.v1", UUID.randomUUID().toString(), "{\"whatever\":true}",
                    "ce_id", unknownId, "ce_type", "fr.gouv.ti.contract.renamed.v7", "ce_source", "/contract-service",
                    "ce_specversion", "1.0");
        }
        TopicProbe.send("ti.contract.v1", action, """
                        {"actionId":"%s","contractId":"c","phase":"2019-2022","tiId":"%s","regionCode":"84",
                         "title":"Fiche-action élargie","axis":"RECRUTER","measureCodes":["INNOVER_PIA","RECRUTER_PIC"],
                         "status":"ENGAGED","estimatedCostCents":1,"requestedFunding":[]}""".formatted(action, ti),
                "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.action.updated.v1",
                "ce_source", "/contract-service", "ce_specversion", "1.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar(
                "select count(*) from funding_action where action_id = '" + action + "' and status = 'ENGAGED'") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar(
                "select count(*) from processed_event where event_id = '" + unknownId + "'") == 1);

        post("BPIFRANCE", "/api/v1/funding/commitments", commit).statusCode(201);
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).get("/api/v1/funding/actions/" + action).then()
                .statusCode(200).body("measureCodes", contains("INNOVER_PIA", "RECRUTER_PIC"))
                .body("committedCents", equalTo(100)).body("title", equalTo("Fiche-action élargie"));
    }

    @Test
    void theMeasureCatalogueGivesTheAxisOfTheAggregates() {
        String ti = Fixture.newTerritory();
        String code = "AXIS_" + ti.substring(3).toUpperCase();
        TopicProbe.send("ti.measure.v1", "catalogue", """
                        {"version":3,"effectiveDate":"2019-01-01","label":"test","measures":[{"code":"%s","title":"t",
                         "axis":"SIMPLIFIER","phase":"2019-2022","operators":["BPIFRANCE"],"status":"ACTIVE",
                         "validFrom":null,"validTo":null,"envelopeCents":null}]}""".formatted(code),
                "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.catalogue.published.v1",
                "ce_source", "/measure-service", "ce_specversion", "1.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar(
                "select count(*) from measure_ref where code = '" + code + "' and axis = 'SIMPLIFIER'") == 1);
        Number existing = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/funding/aggregates?groupBy=axis").then().statusCode(200).extract().jsonPath()
                .get("find { it.key == 'SIMPLIFIER' }.allocatedCents");
        long before = existing == null ? 0 : existing.longValue();
        Fixture.allocated("BPIFRANCE", ti, code, 4_200);
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/funding/aggregates?groupBy=axis").then()
                .statusCode(200).body("find { it.key == 'SIMPLIFIER' }.allocatedCents", equalTo((int) (before + 4_200)));
    }

    @Test
    void nothingCanBeCommittedToAnAbandonedFicheAction() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 10_000);
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        TopicProbe.send("ti.contract.v1", action, """
                        {"actionId":"%s","contractId":"c","phase":"2019-2022","tiId":"%s","regionCode":"84",
                         "title":"t","axis":"INNOVER","measureCodes":["INNOVER_PIA"],"status":"ABANDONED"}"""
                        .formatted(action, ti),
                "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.action.updated.v1",
                "ce_source", "/contract-service", "ce_specversion", "1.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> scalar(
                "select count(*) from funding_action where action_id = '" + action + "' and status = 'ABANDONED'") == 1);
        post("BPIFRANCE", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"INNOVER_PIA","amountCents":100,"effectiveDate":"2020-03-10"}"""
                .formatted(action)).statusCode(409).body("type", equalTo("urn:ti:problem:action-abandoned"));
    }
}
