package fr.gouv.ti.gateway;

import fr.gouv.ti.testsupport.IdentityKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPublicKey;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 20: each service's audit trail is reached through the gateway at {@code /api/v1/audit/<service>/...}, and
 * the gateway's own (API keys) at {@code /api/v1/audit/gateway/...}, for the national administrator only.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class TheGatewaysAuditTrailIsReadableByTheNationalAdministratorTest {

    private static final String AUDIT = "/api/v1/audit/gateway/entries";

    @Test
    void eachServicesAuditTrailIsRoutedToThatServiceWithAnIdentityForIt() throws Exception {
        JsonPath funding = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).header("X-Correlation-ID", "audit-route-1")
                .get("/api/v1/audit/funding/entries?correlationId=audit-route-1").then().statusCode(200).extract().jsonPath();
        assertThat(funding.getString("path")).isEqualTo("/api/v1/audit/funding/entries?correlationId=audit-route-1");
        assertThat(audience(funding)).isEqualTo("ti-funding");
        JsonPath territory = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY)
                .get("/api/v1/audit/territory/entries.csv").then().statusCode(200).extract().jsonPath();
        assertThat(audience(territory)).isEqualTo("ti-territory");
        JsonPath webhook = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY)
                .get("/api/v1/audit/webhook/entries").then().statusCode(200).extract().jsonPath();
        assertThat(audience(webhook)).isEqualTo("ti-webhook");
        // the resource of three segments is still routed by its own prefix
        given().get("/api/v1/funding/aggregates").then().statusCode(200);
        // no service is called "nothing": the gateway's own 404
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).get("/api/v1/audit/nothing/entries")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theAdministratorFindsTheKeyChangesOfACorrelationIdNewestFirstAndOthersAreRefused() {
        String correlationId = "audit-gateway-" + UUID.randomUUID();
        String id = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).header("X-Correlation-ID", correlationId)
                .contentType("application/json")
                .body("{\"name\":\"=cmd|' /C calc'!A0\",\"role\":\"region\",\"regionCode\":\"84\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("apiKey.id");
        String regionKey = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).contentType("application/json")
                .body("{\"name\":\"Région ARA\",\"role\":\"region\",\"regionCode\":\"84\"}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).header("X-Correlation-ID", correlationId)
                .delete("/api/v1/admin/api-keys/" + id).then().statusCode(204);

        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).queryParam("correlationId", correlationId).get(AUDIT)
                .then().statusCode(200)
                .body("items.action", contains("api-key.revoke", "api-key.create"))
                .body("items.resourceId", contains(id, id))
                .body("items.resourceType", contains("api-key", "api-key"))
                .body("items.actor", contains("bootstrap-admin", "bootstrap-admin"))
                .body("nextCursor", nullValue());
        JsonPath first = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).queryParam("correlationId", correlationId)
                .queryParam("limit", 1).get(AUDIT).then().statusCode(200)
                .body("items.action", contains("api-key.revoke")).body("nextCursor", notNullValue()).extract().jsonPath();
        given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).queryParam("correlationId", correlationId)
                .queryParam("limit", 1).queryParam("cursor", first.getString("nextCursor")).get(AUDIT).then().statusCode(200)
                .body("items.action", contains("api-key.create")).body("nextCursor", nullValue());
        String csv = given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).queryParam("resourceId", id)
                .get(AUDIT + ".csv").then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).startsWith("id,at,actor,action,resource_type,resource_id,correlation_id\r\n").contains(correlationId);

        given().header("X-API-Key", regionKey).get(AUDIT).then().statusCode(403).contentType("application/problem+json");
        given().header("X-API-Key", regionKey).get(AUDIT + ".csv").then().statusCode(403);
        given().get(AUDIT).then().statusCode(401).contentType("application/problem+json");
        for (String[] bad : new String[][]{{"from", "yesterday"}, {"limit", "0"}, {"limit", "ten"}, {"cursor", "!!"},
                {"correlationId", "a b"}}) {
            given().header("X-API-Key", GatewayTestResource.ADMIN_KEY).queryParam(bad[0], bad[1]).get(AUDIT)
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(bad[0]));
        }
    }

    private static String audience(JsonPath seen) throws Exception {
        JWTAuthContextInfo info = new JWTAuthContextInfo((RSAPublicKey) IdentityKeys.pair().getPublic(), "urn:ti:gateway");
        return new DefaultJWTParser(info).parse(seen.getString("identity")).getAudience().iterator().next();
    }
}
