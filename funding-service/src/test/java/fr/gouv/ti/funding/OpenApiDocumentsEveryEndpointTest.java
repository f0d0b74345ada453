package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class OpenApiDocumentsEveryEndpointTest {

    /** On the management interface, not the API port (issue 18, finding 8). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/openapi", management = true)
    java.net.URL openapi;

    @Test
    void openApiAndAsyncApiAreServed() {
        given().get(openapi + "?format=json").then().statusCode(200)
                .body(containsString("/api/v1/funding/commitments/{id}/disbursements"))
                .body(containsString("/api/v1/funding/transactions/{id}/reversal"))
                .body(containsString("/api/v1/funding/aggregates"))
                .body(containsString("allocation-exceeded"))
                .body(containsString("double-entry ledger"));
        given().get("/asyncapi.yaml").then().statusCode(200)
                .body(containsString("fr.gouv.ti.funding.committed.v1"));
    }

    /** The management interface's root is /q: this is /q/metrics there. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void managementEndpointsAreOnlyOnTheManagementInterface() {
        // finding 8 of issue 18: /q/metrics, /q/health and /q/openapi answered anyone on the API port
        for (String path : new String[]{"/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/"}) {
            given().get(path).then().statusCode(404);
        }
        given().get(metrics.toString()).then().statusCode(200);
    }
}
