package fr.gouv.ti.e2e;

import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The launcher brings every app to ready, and the gateway routes to each service. */
class SuiteStartsAndRoutesIT {

    @Test
    void theGatewayIsReadyAndReportsEveryDownstreamUp() {
        io.restassured.RestAssured.given().baseUri(Suite.stack().managementUrl("gateway")).get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'downstream services' }.data.territory", equalTo("UP"))
                .body("checks.find { it.name == 'downstream services' }.data.contract", equalTo("UP"))
                .body("checks.find { it.name == 'downstream services' }.data.measure", equalTo("UP"))
                .body("checks.find { it.name == 'downstream services' }.data.funding", equalTo("UP"));
    }

    @Test
    void eachServiceAnswersThroughTheGateway() {
        Suite.anonymous().get("/api/v1/territories?phase=2019-2022").then().statusCode(200);
        Suite.anonymous().get("/api/v1/measures").then().statusCode(200);
        Suite.asAdmin().get("/api/v1/contracts").then().statusCode(200);
        Suite.asAdmin().get("/api/v1/funding/aggregates?groupBy=territory").then().statusCode(200);
    }

    @Test
    void theConsoleListsTheFourServices() {
        Suite.anonymous().get("/console/").then().statusCode(200).body(containsString("swagger"));
        for (String s : new String[]{"territory", "measure", "contract", "funding"}) {
            Suite.anonymous().get("/docs/" + s + "/openapi").then().statusCode(200)
                    .body("openapi", containsString("3."));
            Suite.anonymous().get("/docs/" + s + "/asyncapi.yaml").then().statusCode(200)
                    .body(containsString("asyncapi: 3."));
        }
    }

    @Test
    void theDocumentsTheConsoleShowsAreTheOnesTheBuildLintedAndGeneratedTheClientFrom() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("ti.root", "..")).toAbsolutePath();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String s : new String[]{"territory", "contract", "measure", "funding", "gateway"}) {
            String served = Suite.anonymous().accept("application/json")
                    .get(s.equals("gateway") ? "/q/openapi?format=json" : "/docs/" + s + "/openapi")
                    .then().statusCode(200).extract().asString();
            java.nio.file.Path built = root.resolve((s.equals("gateway") ? s : s + "-service") + "/target/openapi/openapi.json");
            org.assertj.core.api.Assertions.assertThat(json.readTree(served)).as("served %s document vs %s", s, built)
                    .isEqualTo(json.readTree(built.toFile()));
        }
    }

    @Test
    void aServiceCalledWithoutTheGatewaysIdentityRefusesTheRequest() {
        Suite.stack();
        io.restassured.RestAssured.given().baseUri("http://localhost:" + (Suite.GATEWAY_PORT + 1))
                .get("/api/v1/territories").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void managementEndpointsAnswerOnlyOnTheManagementPortsNeverOnTheApiPortsNorThroughTheGateway() {
        // finding 8 of issue 18: /q/metrics answered 200 on ports 8081-8084 with no credentials
        String[] apps = {"gateway", "territory-service", "contract-service", "measure-service", "funding-service"};
        for (int i = 0; i < apps.length; i++) {
            String api = "http://localhost:" + (Suite.GATEWAY_PORT + i);
            for (String path : new String[]{"/q/metrics", "/q/health/ready", "/q/swagger-ui/"}) {
                io.restassured.RestAssured.given().baseUri(api).get(path).then()
                        .statusCode(org.hamcrest.Matchers.not(200));
            }
            io.restassured.RestAssured.given().baseUri(Suite.stack().managementUrl(apps[i])).get("/q/metrics")
                    .then().statusCode(200);
        }
        io.restassured.RestAssured.given().baseUri("http://localhost:" + (Suite.GATEWAY_PORT + 1)).get("/q/openapi")
                .then().statusCode(org.hamcrest.Matchers.not(200));
    }
}
