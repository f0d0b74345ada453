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

    @Test
    void openApiAndAsyncApiAreServed() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/funding/commitments/{id}/disbursements"))
                .body(containsString("/api/v1/funding/transactions/{id}/reversal"))
                .body(containsString("/api/v1/funding/aggregates"))
                .body(containsString("allocation-exceeded"))
                .body(containsString("double-entry ledger"));
        given().get("/asyncapi.yaml").then().statusCode(200)
                .body(containsString("fr.gouv.ti.funding.committed.v1"));
    }
}
