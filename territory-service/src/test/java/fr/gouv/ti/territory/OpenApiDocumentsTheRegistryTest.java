package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class OpenApiDocumentsTheRegistryTest {

    /** On the management interface, not the API port (issue 18, finding 8). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/openapi", management = true)
    java.net.URL openapi;

    @Test
    void everyEndpointIsInTheOpenApiDocumentWithItsProblemResponses() {
        given().accept("application/json").get(openapi.toString()).then().statusCode(200)
                .body("paths.'/api/v1/territories'.get.summary", notNullValue())
                .body("paths.'/api/v1/territories'.post.responses.'422'", notNullValue())
                .body("paths.'/api/v1/territories/{phase}/{tiId}'.patch.responses.'428'", notNullValue())
                .body("paths.'/api/v1/territories/{phase}/{tiId}/perimeter'.put.responses.'412'", notNullValue())
                .body("paths.'/api/v1/phases/{phase}/territories.csv'.post.responses.'413'", notNullValue())
                .body("paths.'/api/v1/groupements/{siren}/territories'.get", notNullValue())
                .body("paths.'/api/v1/communes/{insee}'.get.responses.'404'", notNullValue())
                .body("paths.'/api/v1/regions'.get", notNullValue())
                .body("components.schemas.Problem", notNullValue());
    }
}
