package fr.gouv.ti.e2e;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static fr.gouv.ti.e2e.Programme.action;
import static fr.gouv.ti.e2e.Programme.commit;
import static fr.gouv.ti.e2e.Programme.openContract;
import static fr.gouv.ti.e2e.Programme.transition;
import static fr.gouv.ti.e2e.Programme.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The programme as its users meet it, through the gateway with real API keys per role: the national administrator
 * funds the programme, the region signs Roanne - Tarare's protocol and contract, the territory team adds
 * fiches-actions, Banque des Territoires and Bpifrance allocate, commit and disburse on their own lines, and the
 * territory summary and the funding aggregates show the totals through events.
 */
class ProgrammeStoryIT {

    private static final String ROANNAIS = "Roannais Agglomération";
    private static final String EPCIS = "[\"200035202\",\"200035731\",\"200040566\",\"200040590\",\"244200630\",\"246900625\"]";

    @Test
    void roanneTarareFromProtocolToDisbursementsThroughTheGateway() {
        Suite.stack();
        String region = Suite.issueKey("Région Auvergne-Rhône-Alpes", "region", "\"regionCode\":\"84\"");
        String team = Suite.issueKey("Equipe Roanne - Tarare", "territory-team", "\"phase\":\"2019-2022\",\"tiId\":\"ti-8411\"");
        String bdt = Suite.issueKey("Banque des Territoires SI", "operator", "\"operatorCode\":\"BANQUE_DES_TERRITOIRES\"");
        String bpi = Suite.issueKey("Bpifrance SI", "operator", "\"operatorCode\":\"BPIFRANCE\"");

        // --- the national administrator sets the programme's sources and the operators' lines
        write(Suite.asAdmin(), "PUT", "/api/v1/funding/programme/sources/PIA",
                "{\"amountCents\":50000000000,\"effectiveDate\":\"2019-01-15\",\"reason\":\"PIA fléché\"}").statusCode(201);
        write(Suite.asAdmin(), "PUT", "/api/v1/funding/programme/sources/BANQUE_DES_TERRITOIRES",
                "{\"amountCents\":40000000000,\"effectiveDate\":\"2019-03-05\",\"reason\":\"Convention du 5 mars 2019\"}").statusCode(201);
        write(Suite.asAdmin(), "POST", "/api/v1/funding/operator-lines",
                "{\"operator\":\"BANQUE_DES_TERRITOIRES\",\"sourceCode\":\"BANQUE_DES_TERRITOIRES\",\"amountCents\":10000000000,\"effectiveDate\":\"2019-03-05\"}").statusCode(201);
        write(Suite.asAdmin(), "POST", "/api/v1/funding/operator-lines",
                "{\"operator\":\"BPIFRANCE\",\"sourceCode\":\"PIA\",\"amountCents\":5000000000,\"effectiveDate\":\"2019-03-05\"}").statusCode(201);

        // --- the region opens the contract once contract-service knows the territory (from territory events)
        String contractId = openContract(region, "ti-8411");
        transition(region, contractId, "protocol-signature", """
                {"effectiveDate":"2019-06-20","documentReference":"PROTOCOLE-TI-8411",
                 "signatories":{"epcis":%s,"region":"84"}}""".formatted(EPCIS)).statusCode(200)
                .body("state", equalTo("PROTOCOL_SIGNED"));
        transition(region, contractId, "contract-signature", """
                {"effectiveDate":"2019-11-18","documentReference":"CONTRAT-TI-8411",
                 "signatories":{"epcis":%s,"region":"84"}}""".formatted(EPCIS)).statusCode(200)
                .body("state", equalTo("CONTRACT_SIGNED"));

        // --- the territory team adds two fiches-actions with measure codes of the catalogue
        String vte = action(team, contractId, "Volontariat territorial en entreprise", "RECRUTER", "RECRUTER-01", "2020-01-15", 40_000_000,
                ROANNAIS, "200035731");
        String friche = action(team, contractId, "Reconversion d'une friche industrielle", "ATTIRER", "ATTIRER-01", "2019-12-02", 300_000_000,
                ROANNAIS, "200035731");

        // --- operators allocate on their own lines, then commit once funding-service knows the fiches-actions
        write(Suite.withKey(bpi), "POST", "/api/v1/funding/allocations", """
                {"operator":"BPIFRANCE","phase":"2019-2022","tiId":"ti-8411","regionCode":"84","measureCode":"RECRUTER-01",
                 "amountCents":30000000,"effectiveDate":"2020-01-20"}""").statusCode(201);
        write(Suite.withKey(bdt), "POST", "/api/v1/funding/allocations", """
                {"operator":"BANQUE_DES_TERRITOIRES","phase":"2019-2022","tiId":"ti-8411","regionCode":"84","measureCode":"ATTIRER-01",
                 "amountCents":200000000,"effectiveDate":"2020-01-20"}""").statusCode(201);
        long bpiCommitment = commit(bpi, vte, "RECRUTER-01", 20_000_000);
        long bdtCommitment = commit(bdt, friche, "ATTIRER-01", 150_000_000);

        // Bpifrance may not commit on Banque des Territoires' allocation
        write(Suite.withKey(bpi), "POST", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"ATTIRER-01","amountCents":1000,"effectiveDate":"2020-03-10",
                 "beneficiaryName":"Roannais Agglomération","beneficiarySiret":"20003573100013"}""".formatted(friche))
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(403), equalTo(422)))
                .contentType("application/problem+json");

        write(Suite.withKey(bpi), "POST", "/api/v1/funding/commitments/" + bpiCommitment + "/disbursements",
                "{\"amountCents\":5000000,\"effectiveDate\":\"2020-09-01\"}").statusCode(201);
        write(Suite.withKey(bdt), "POST", "/api/v1/funding/commitments/" + bdtCommitment + "/disbursements",
                "{\"amountCents\":60000000,\"effectiveDate\":\"2021-02-01\"}").statusCode(201);

        // --- the territory summary (territory-service) reflects contract and funding events
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Suite.anonymous().get("/api/v1/territories/2019-2022/ti-8411/summary").then().statusCode(200)
                        .body("contractState", equalTo("CONTRACT_SIGNED"))
                        .body("actionCount", equalTo(2))
                        .body("allocatedCents", equalTo(230_000_000))
                        .body("committedCents", equalTo(170_000_000))
                        .body("disbursedCents", equalTo(65_000_000)));

        // --- open data: aggregates by territory, and the SCDL export holds both commitments
        String aggregates = Suite.anonymous().get("/api/v1/funding/aggregates?groupBy=territory&phase=2019-2022")
                .then().statusCode(200).extract().asString();
        assertThat(aggregates).contains("ti-8411").contains("170000000");
        Suite.anonymous().get("/api/v1/funding/exports/commitments.csv").then().statusCode(200)
                .body(containsString("Roannais Agglomération"));
    }
}
