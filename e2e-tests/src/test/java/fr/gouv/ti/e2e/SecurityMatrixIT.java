package fr.gouv.ti.e2e;

import fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/**
 * Who may do what, through the gateway, with real API keys: 401 without credentials on writes, 403 out of scope,
 * and the services' own rules (a region on its own territories, an operator on its own lines) behind the gateway.
 */
@ExtendWith(ResponsesMatchTheDocuments.class)
class SecurityMatrixIT {

    private static String region84;
    private static String region27;
    private static String operator;
    private static String team;

    @BeforeAll
    static void keys() {
        Suite.stack();
        region84 = Suite.issueKey("Région 84", "region", "\"regionCode\":\"84\"");
        region27 = Suite.issueKey("Région 27", "region", "\"regionCode\":\"27\"");
        operator = Suite.issueKey("Bpifrance", "operator", "\"operatorCode\":\"BPIFRANCE\"");
        team = Suite.issueKey("Equipe", "territory-team", "\"phase\":\"2019-2022\",\"tiId\":\"ti-2701\"");
    }

    @Test
    void anonymousCallersReadOpenDataAndCannotWrite() {
        Suite.anonymous().get("/api/v1/territories?phase=2019-2022&regionCode=84&limit=50").then().statusCode(200);
        Suite.anonymous().get("/api/v1/measures").then().statusCode(200);
        Suite.anonymous().get("/api/v1/funding/aggregates?groupBy=operator").then().statusCode(200);
        Suite.anonymous().get("/api/v1/funding/programme").then().statusCode(200);
        problem(Suite.anonymous(), "/api/v1/contracts", "{\"phase\":\"2019-2022\",\"tiId\":\"ti-2701\"}", 401);
        problem(Suite.anonymous(), "/api/v1/funding/commitments", "{}", 401);
        problem(Suite.anonymous(), "/api/v1/territories", "{}", 401);
    }

    @Test
    void onlyTheNationalAdministratorLabelsTerritoriesAndFundsTheProgramme() {
        String territory = "{\"phase\":\"2019-2022\",\"tiId\":\"ti-8499\",\"name\":\"Essai\",\"regionCode\":\"84\"}";
        for (String key : new String[]{region84, operator, team}) {
            problem(Suite.withKey(key), "/api/v1/territories", territory, 403);
            problem(Suite.withKey(key), "/api/v1/funding/operator-lines",
                    "{\"operator\":\"BPIFRANCE\",\"sourceCode\":\"PIA\",\"amountCents\":100,\"effectiveDate\":\"2019-03-05\"}", 403);
        }
    }

    @Test
    void aRegionManagesOnlyItsOwnTerritoriesContracts() {
        problem(Suite.withKey(region84), "/api/v1/contracts", "{\"phase\":\"2019-2022\",\"tiId\":\"ti-2702\"}", 403);
        Suite.withKey(region27).contentType("application/json").body("{\"phase\":\"2019-2022\",\"tiId\":\"ti-2702\"}")
                .post("/api/v1/contracts").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409)));
    }

    @Test
    void operatorsAndTeamsCannotManageContractsOrMoveOtherLines() {
        problem(Suite.withKey(operator), "/api/v1/contracts", "{\"phase\":\"2019-2022\",\"tiId\":\"ti-2701\"}", 403);
        problem(Suite.withKey(team), "/api/v1/contracts", "{\"phase\":\"2019-2022\",\"tiId\":\"ti-2701\"}", 403);
        problem(Suite.withKey(operator), "/api/v1/funding/allocations", """
                {"operator":"BANQUE_DES_TERRITOIRES","phase":"2019-2022","tiId":"ti-2701","regionCode":"27",
                 "measureCode":"ATTIRER-01","amountCents":100,"effectiveDate":"2020-01-20"}""", 403);
        problem(Suite.withKey(team), "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"ATTIRER-01","amountCents":100,"effectiveDate":"2020-03-10",
                 "beneficiaryName":"X","beneficiarySiret":"20003573100013"}""".formatted(UUID.randomUUID()), 403);
        Suite.withKey(operator).get("/api/v1/contracts").then().statusCode(200);
    }

    @Test
    void aForgedIdentityHeaderDoesNotRaiseAnAnonymousCallersRights() {
        Suite.anonymous().header("X-TI-Identity", "eyJhbGciOiJub25lIn0.eyJncm91cHMiOlsibmF0aW9uYWwtYWRtaW4iXX0.")
                .contentType("application/json").body("{}").post("/api/v1/territories")
                .then().statusCode(401);
    }

    private static void problem(RequestSpecification spec, String path, String body, int status) {
        spec.header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json").body(body)
                .post(path).then().statusCode(status).contentType("application/problem+json");
    }
}
