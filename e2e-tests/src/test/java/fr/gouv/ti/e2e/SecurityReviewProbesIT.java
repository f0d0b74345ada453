package fr.gouv.ti.e2e;

import fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static fr.gouv.ti.e2e.Programme.EVENTUALLY;
import static fr.gouv.ti.e2e.Programme.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The probes of the security review (issue 18) that need the whole suite, replayed through the gateway: where a
 * created resource is said to be, what an operator can do to a territory's region, what a client's text becomes in
 * the open-data file. The other findings have their test in the module that fixed them (see the issue's note).
 * Territory ti-8408 (Oyonnax - Bugey Sud - Plaine de l'Ain - Pays Bellegardien - Pays de Gex, region 84) is used by
 * no other test.
 */
@ExtendWith(ResponsesMatchTheDocuments.class)
class SecurityReviewProbesIT {

    private static final String TI = "ti-8408";
    private static String region;
    private static String team;
    private static String bdt;

    @BeforeAll
    static void keys() {
        Suite.stack();
        region = Suite.issueKey("Région Auvergne-Rhône-Alpes (revue de sécurité)", "region", "\"regionCode\":\"84\"");
        team = Suite.issueKey("Equipe Oyonnax", "territory-team", "\"phase\":\"2019-2022\",\"tiId\":\"" + TI + "\"");
        bdt = Suite.issueKey("Banque des Territoires SI (revue)", "operator", "\"operatorCode\":\"BANQUE_DES_TERRITOIRES\"");
        Programme.ensurePicSource();
        write(Suite.asAdmin(), "POST", "/api/v1/funding/operator-lines",
                "{\"operator\":\"BANQUE_DES_TERRITOIRES\",\"sourceCode\":\"PIC\",\"amountCents\":100000000,\"effectiveDate\":\"2019-03-05\"}")
                .statusCode(201);
        Programme.ledgerKnows(TI, "ATTIRER-01");
    }

    @Test
    void anOperatorCannotPlaceATerritorysMoneyInAnotherRegion() {
        // finding 5: the first allocation's regionCode was stored as given, and regional scopes followed it
        write(Suite.withKey(bdt), "POST", "/api/v1/funding/allocations", """
                {"operator":"BANQUE_DES_TERRITOIRES","phase":"2019-2022","tiId":"%s","regionCode":"53",
                 "measureCode":"ATTIRER-01","amountCents":1000,"effectiveDate":"2020-01-20"}""".formatted(TI))
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("is in region 84, not 53"));
        write(Suite.withKey(bdt), "POST", "/api/v1/funding/allocations", """
                {"operator":"BANQUE_DES_TERRITOIRES","phase":"2019-2022","tiId":"ti-0000",
                 "measureCode":"ATTIRER-01","amountCents":1000,"effectiveDate":"2020-01-20"}""")
                .statusCode(422).body("type", equalTo("urn:ti:problem:unknown-territory"));
    }

    @Test
    void aCreatedContractIsLocatedOnThePublicApiAndAFormulaNeverReachesTheOpenDataFile() {
        // finding 10: POST /api/v1/contracts through the gateway answered Location: http://127.0.0.1:8082/...
        Response created = Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> Suite.withKey(region).contentType("application/json")
                        .body("{\"phase\":\"2019-2022\",\"tiId\":\"" + TI + "\"}").post("/api/v1/contracts"),
                        r -> r.statusCode() == 201);
        String contractId = created.path("contractId");
        String location = created.header("Location");
        assertThat(location).endsWith("/api/v1/contracts/" + contractId)
                .doesNotContain(":" + (Suite.GATEWAY_PORT + 2)).doesNotContain(":8082");

        // finding 6: a beneficiary name typed as a formula reached commitments.csv as typed
        write(Suite.withKey(bdt), "POST", "/api/v1/funding/allocations", """
                {"operator":"BANQUE_DES_TERRITOIRES","phase":"2019-2022","tiId":"%s","measureCode":"ATTIRER-01",
                 "amountCents":5000000,"effectiveDate":"2020-01-20"}""".formatted(TI)).statusCode(201);
        String action = Programme.action(team, contractId, "Requalification d'une zone d'activités", "ATTIRER",
                "ATTIRER-01", "2020-02-03", 20_000_000, "CA Haut-Bugey Agglomération", "200042935");
        String decision = "REVUE-" + contractId.substring(0, 8);
        String body = """
                {"actionId":"%s","measureCode":"ATTIRER-01","amountCents":1000000,"effectiveDate":"2020-03-10",
                 "decisionReference":"%s","beneficiaryName":"=HYPERLINK(\\"http://evil.example/\\",\\"clic\\")"}""".formatted(action, decision);
        String idem = java.util.UUID.randomUUID().toString();
        Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> Suite.withKey(bdt).header("Idempotency-Key", idem).contentType("application/json")
                        .body(body).post("/api/v1/funding/commitments").statusCode(), s -> s == 201);
        String csv = Suite.asAdmin().get("/api/v1/funding/exports/commitments.csv?operator=BANQUE_DES_TERRITOIRES")
                .then().statusCode(200).extract().asString();
        String line = csv.lines().filter(l -> l.contains(decision)).findFirst().orElseThrow();
        assertThat(line).contains("'=HYPERLINK(").doesNotContain(",=").doesNotContain(",\"=");
    }
}
