package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static fr.gouv.ti.contract.Fixtures.ROANNE_EPCIS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Roanne - Tarare (2019-2022, ti-8411, region 84): protocol signed on 20 June 2019 by its six EPCIs and the region,
 * contract, fiches-actions, an amendment, closure; each step's event on ti.contract.v1; then nothing more is possible.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class RoanneTarareContractStoryTest {

    static final String REGION_84 = Identities.region("84");
    static final String TEAM = Identities.territoryTeam("2019-2022", "ti-8411");

    @Test
    void theRoanneTarareContractGoesFromProtocolToClosureWithAnEventAtEachStep() {
        Fixtures.ensureProjections();
        try (TopicProbe probe = new TopicProbe("ti.contract.v1")) {
            // ---- the region opens the contract: default period of the phase
            String id = Fixtures.openContract(REGION_84, "ti-8411");
            given().header(Identities.HEADER, REGION_84).get("/api/v1/contracts/" + id).then().statusCode(200)
                    .body("state", equalTo("PREPARATION"))
                    .body("periodStart", equalTo("2019-01-01")).body("periodEnd", equalTo("2022-12-31"))
                    .body("territoryName", equalTo("Roanne - Tarare"))
                    .body("allowedTransitions", contains("PROTOCOL_SIGNED", "ABANDONED"));

            // ---- the comité de projet meets (the territory team records it)
            given().header(Identities.HEADER, TEAM).contentType("application/json")
                    .body("{\"kind\":\"PROJET\",\"heldOn\":\"2019-05-14\",\"note\":\"Plan d'actions\"}")
                    .post("/api/v1/contracts/" + id + "/committees").then().statusCode(201);

            // ---- protocol signed on 20 June 2019 by the six EPCIs, the region, the préfet, operators, an industrialist
            Fixtures.transition(REGION_84, id, "protocol-signature", """
                    {"effectiveDate":"2019-06-20","documentReference":"PROTOCOLE-TI-8411-2019-06-20",
                     "signatories":{"epcis":["200035202","200035731","200040566","200040590","244200630","246900625"],
                       "region":"84","prefet":{"name":"Préfet de la Loire","departmentCode":"42"},
                       "operators":["BANQUE_DES_TERRITOIRES","BPIFRANCE","BUSINESS_FRANCE","POLE_EMPLOI"],
                       "industrialists":[{"name":"Pilote industriel","organisation":"Entreprise du territoire"}]}}""")
                    .statusCode(200).body("state", equalTo("PROTOCOL_SIGNED"))
                    .body("protocolSignedOn", equalTo("2019-06-20"))
                    .body("transitions[0].signatories.findAll { it.kind == 'EPCI' }.code", contains(ROANNE_EPCIS))
                    .body("transitions[0].signatories.findAll { it.kind == 'OPERATOR' }.code",
                            contains("BANQUE_DES_TERRITOIRES", "BPIFRANCE", "BUSINESS_FRANCE", "FRANCE_TRAVAIL"));
            ConsumerRecord<String, String> protocol = probe.awaitType("fr.gouv.ti.contract.protocol-signed.v1",
                    p -> p.contains(id));
            assertThat(protocol.key()).isEqualTo(id);
            JsonPath p1 = JsonPath.from(protocol.value());
            assertThat(p1.getString("effectiveDate")).isEqualTo("2019-06-20");
            assertThat(p1.getString("tiId")).isEqualTo("ti-8411");
            assertThat(p1.getString("regionCode")).isEqualTo("84");
            assertThat(TopicProbe.header(protocol, "ce_source")).isEqualTo("/contract-service");

            // ---- contract signed
            Fixtures.transition(REGION_84, id, "contract-signature", """
                    {"effectiveDate":"2019-11-18","documentReference":"CONTRAT-TI-8411",
                     "signatories":%s}""".formatted(Fixtures.signatories("84", ROANNE_EPCIS)))
                    .statusCode(200).body("state", equalTo("CONTRACT_SIGNED"));
            probe.awaitType("fr.gouv.ti.contract.signed.v1", p -> p.contains(id) && p.contains("CONTRACT_SIGNED"));

            // ---- from the signature on, the committee is the comité de suivi
            given().header(Identities.HEADER, TEAM).contentType("application/json")
                    .body("{\"kind\":\"PROJET\",\"heldOn\":\"2020-03-10\"}")
                    .post("/api/v1/contracts/" + id + "/committees").then().statusCode(422)
                    .contentType("application/problem+json").body("errors.field", contains("kind"));
            given().header(Identities.HEADER, TEAM).contentType("application/json")
                    .body("{\"kind\":\"SUIVI\",\"heldOn\":\"2020-03-10\"}")
                    .post("/api/v1/contracts/" + id + "/committees").then().statusCode(201);
            given().header(Identities.HEADER, REGION_84).get("/api/v1/contracts/" + id).then()
                    .body("committees.kind", contains("PROJET", "SUIVI"));

            // ---- the territory team adds fiches-actions with valid measure codes
            String a1 = given().header(Identities.HEADER, TEAM).contentType("application/json")
                    .body(Fixtures.action("Plateforme de formation textile", "RECRUTER", Fixtures.PIC, "2019-12-02",
                            "200035731", 25_000_000L))
                    .post("/api/v1/contracts/" + id + "/actions").then().statusCode(201)
                    .body("status", equalTo("IDENTIFIED")).body("requestedTotalCents", equalTo(12_500_000))
                    .extract().path("actionId");
            String a2 = given().header(Identities.HEADER, TEAM).contentType("application/json")
                    .body(Fixtures.action("Volontariat territorial en entreprise", "RECRUTER", Fixtures.VTE, "2020-01-15",
                            "246900625", 4_000_000L))
                    .post("/api/v1/contracts/" + id + "/actions").then().statusCode(201).extract().path("actionId");
            probe.awaitType("fr.gouv.ti.action.created.v1", p -> p.contains(a1) && p.contains("IDENTIFIED"));
            probe.awaitType("fr.gouv.ti.action.created.v1", p -> p.contains(a2));

            // the team moves a fiche-action forward (If-Match)
            String actionTag = given().header(Identities.HEADER, TEAM).get("/api/v1/contracts/" + id + "/actions/" + a1)
                    .then().statusCode(200).extract().header("ETag");
            given().header(Identities.HEADER, TEAM).header("If-Match", actionTag).contentType("application/json")
                    .body(Fixtures.action("Plateforme de formation textile", "RECRUTER", Fixtures.PIC, "2019-12-02",
                            "200035731", 25_000_000L).replace("}]}", "}],\"status\":\"READY\"}"))
                    .put("/api/v1/contracts/" + id + "/actions/" + a1).then().statusCode(200)
                    .body("status", equalTo("READY"));
            probe.awaitType("fr.gouv.ti.action.updated.v1", p -> p.contains(a1) && p.contains("READY"));

            // funding-service reports a commitment on the first fiche-action
            Fixtures.send("ti.funding.v1", "2019-2022/ti-8411", "fr.gouv.ti.funding.committed.v1", """
                    {"transactionId":"tx-1","kind":"COMMITMENT","effectiveDate":"2020-02-01","amountCents":5000000,
                     "operator":"BPIFRANCE","phase":"2019-2022","tiId":"ti-8411","measureCode":"%s","actionId":"%s",
                     "territoryTotals":{"allocatedCents":90000000,"committedCents":5000000,"disbursedCents":0},
                     "actionTotals":{"committedCents":5000000,"disbursedCents":0}}""".formatted(Fixtures.PIC, a1));
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/contracts/" + id)
                            .then().statusCode(200).body("committedCents", equalTo(5_000_000)));

            // ---- amendment n°1: extension of the period, the second fiche-action changed
            Fixtures.transition(REGION_84, id, "amendments", """
                    {"effectiveDate":"2021-06-15","documentReference":"AVENANT-1-TI-8411",
                     "signatories":%s,
                     "changes":{"summary":"Prolongation d'un an","newPeriodEnd":"2023-12-31","actionsChanged":["%s"]}}"""
                    .formatted(Fixtures.signatories("84", "200035731", "200040566"), a2))
                    .statusCode(200).body("state", equalTo("AMENDED")).body("amendmentCount", equalTo(1))
                    .body("periodEnd", equalTo("2023-12-31"))
                    .body("transitions[2].amendmentNumber", equalTo(1))
                    .body("transitions[2].changes.newPeriodEnd", equalTo("2023-12-31"));
            ConsumerRecord<String, String> amended = probe.awaitType("fr.gouv.ti.contract.amended.v1", p -> p.contains(id));
            assertThat(JsonPath.from(amended.value()).getInt("amendmentNumber")).isEqualTo(1);
            assertThat(JsonPath.from(amended.value()).getInt("actionCount")).isEqualTo(2);

            // ---- closure, after the original end thanks to the amendment
            Fixtures.transition(REGION_84, id, "closure", """
                    {"effectiveDate":"2023-06-30","documentReference":"CLOTURE-TI-8411","reason":"Fin du contrat"}""")
                    .statusCode(200).body("state", equalTo("CLOSED")).body("closedOn", equalTo("2023-06-30"))
                    .body("allowedTransitions", hasSize(0));
            probe.awaitType("fr.gouv.ti.contract.closed.v1", p -> p.contains(id) && p.contains("CLOSED"));

            // ---- history as of a date
            given().header(Identities.HEADER, Identities.operator("BPIFRANCE"))
                    .get("/api/v1/contracts/" + id + "/history?asOf=2019-12-31").then().statusCode(200)
                    .body("state", equalTo("CONTRACT_SIGNED"))
                    .body("transitions", hasSize(2)).body("periodEnd", equalTo("2022-12-31"));
            given().header(Identities.HEADER, Identities.operator("BPIFRANCE"))
                    .get("/api/v1/contracts/" + id + "/history?asOf=2019-07-01").then().statusCode(200)
                    .body("state", equalTo("PROTOCOL_SIGNED")).body("transitions", hasSize(1));
            given().header(Identities.HEADER, Identities.nationalAdmin())
                    .get("/api/v1/contracts/" + id + "/history?asOf=2022-01-01").then().statusCode(200)
                    .body("state", equalTo("AMENDED")).body("periodEnd", equalTo("2023-12-31"));

            // ---- public view: state, dates, action titles and amounts; no signatories nor organisations
            given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/contracts/" + id).then()
                    .statusCode(200).body("state", equalTo("CLOSED")).body("protocolSignedOn", equalTo("2019-06-20"))
                    .body("transitions", nullValue()).body("actions", hasSize(2))
                    .body("actions[0].title", notNullValue()).body("actions[0].estimatedCostCents", notNullValue())
                    .body("actions[0].leadOrganisation", nullValue());

            // ---- a closed contract moves no more, and its fiches-actions are frozen: nothing written
            long before = Db.rowsAbout(id);
            long version = Db.count("select version from contract where id = ?::uuid", id);
            Fixtures.transition(REGION_84, id, "amendments", """
                    {"effectiveDate":"2023-07-01","documentReference":"AVENANT-2","signatories":%s,
                     "changes":{"summary":"trop tard"}}""".formatted(Fixtures.signatories("84", "200035731")))
                    .statusCode(409).contentType("application/problem+json")
                    .body("currentState", equalTo("CLOSED")).body("allowedTransitions", hasSize(0));
            Fixtures.transition(Identities.nationalAdmin(), id, "abandonment", """
                    {"effectiveDate":"2023-07-01","documentReference":"X"}""")
                    .statusCode(409).body("currentState", equalTo("CLOSED"));
            given().header(Identities.HEADER, TEAM).contentType("application/json")
                    .body(Fixtures.action("Trop tard", "INNOVER", Fixtures.ACCELERATEURS, "2020-01-15", "200035731", 1000L))
                    .post("/api/v1/contracts/" + id + "/actions").then().statusCode(409)
                    .contentType("application/problem+json").body("currentState", equalTo("CLOSED"));
            assertThat(Db.rowsAbout(id)).isEqualTo(before);
            assertThat(Db.count("select version from contract where id = ?::uuid", id)).isEqualTo(version);

            // every step is in the audit log
            assertThat(Db.count("select count(*) from audit_log where resource_id = ?", id)).isEqualTo(7);
            assertThat(List.of(a1, a2)).allSatisfy(a ->
                    assertThat(Db.count("select count(*) from audit_log where resource_id = ?", a)).isGreaterThanOrEqualTo(1));
        }
    }
}
