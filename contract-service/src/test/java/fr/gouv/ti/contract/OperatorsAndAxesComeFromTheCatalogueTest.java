package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/**
 * contract-service has no list of operators or axes of its own: signatories and fiches-actions are checked against
 * the reference data measure-service publishes (reference.published), the codes of older sources included.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class OperatorsAndAxesComeFromTheCatalogueTest {

    static final String REGION = Identities.region("84");
    static final String EPCI = "200066793";

    @Test
    void operatorCodesAreThoseMeasureServicePublishesPoleEmploiIncluded() {
        Fixtures.ensureProjections();
        // Grand Annecy (ti-8404), one EPCI (shared/data/territoires_industrie_2019_2022_epci.csv)
        Fixtures.territory("ti-8404", "Grand Annecy", "84", List.of("74"),
                List.of(Fixtures.m(EPCI, "CA du Grand Annecy", "CA")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select count(*) from territory_projection where ti_id = 'ti-8404'") == 1);
        String id = Fixtures.openContract(REGION, "ti-8404");

        String signing = """
                {"effectiveDate":"2019-07-01","documentReference":"PROTOCOLE-TI-8404",
                 "signatories":{"epcis":["%s"],"region":"84","operators":["POLE_EMPLOI","%s"]}}""";
        // an unknown operator is refused naming the known ones; POLE_EMPLOI is not refused
        Fixtures.transition(REGION, id, "protocol-signature", signing.formatted(EPCI, "TEST_OPERATEUR"))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", allOf(hasItem("signatories.operators[1]"), not(hasItem("signatories.operators[0]"))))
                .body("errors.find { it.field == 'signatories.operators[1]' }.message",
                        allOf(containsString("TEST_OPERATEUR"), containsString("known: ACTION_LOGEMENT, ADEME"),
                                containsString("FRANCE_TRAVAIL")));

        // measure-service publishes an operator more (a test-only code): accepted with no change here
        Fixtures.reference(2, """
                ,{"code":"TEST_OPERATEUR","officialName":"Opérateur de test","kind":"NATIONAL_OPERATOR","names":[],
                  "aliases":[],"sourceUrl":"https://example.org/test"}""");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select count(*) from reference_code where code = 'TEST_OPERATEUR'") == 1);
        Fixtures.transition(REGION, id, "protocol-signature", signing.formatted(EPCI, "TEST_OPERATEUR"))
                .statusCode(200).body("state", equalTo("PROTOCOL_SIGNED"))
                .body("transitions[0].signatories.findAll { it.kind == 'OPERATOR' }.code",
                        contains("FRANCE_TRAVAIL", "TEST_OPERATEUR"));

        // the axes of a fiche-action are those of its contract's phase, as published
        String team = Identities.territoryTeam("2019-2022", "ti-8404");
        given().header(Identities.HEADER, team).contentType("application/json")
                .body(Fixtures.action("Action de test", "INNOVATION", Fixtures.PIC, "2019-12-02", EPCI, 1_000_000L))
                .post("/api/v1/contracts/" + id + "/actions").then().statusCode(422)
                .body("errors.find { it.field == 'axis' }.message",
                        containsString("RECRUTER, INNOVER, ATTIRER, SIMPLIFIER"));
        given().header(Identities.HEADER, team).contentType("application/json")
                .body(Fixtures.action("Action de test", "RECRUTER", Fixtures.PIC, "2019-12-02", EPCI, 1_000_000L))
                .post("/api/v1/contracts/" + id + "/actions").then().statusCode(201);
    }
}
