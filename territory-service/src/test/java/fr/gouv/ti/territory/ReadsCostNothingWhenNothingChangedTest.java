package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Open-data consumers sync with conditional GETs: an unchanged resource answers 304 with no body, a changed one 200
 * with its new ETag, whichever instance of the service made the change; and the identity the gateway signed is
 * verified once, then trusted only until it expires.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class ReadsCostNothingWhenNothingChangedTest {

    private static final String TERRITORY = """
            {"phase":"2060-2064","tiId":"%s","name":"Roanne - Tarare","regionCode":"84",
             "perimeter":[{"siren":"200035731","name":"CA Roannais Agglomération","nature":"CA","departmentCodes":["42"]}]}""";

    private static void label(String tiId) {
        given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json")
                .body(TERRITORY.formatted(tiId)).post("/api/v1/territories").then().statusCode(201);
    }

    @Test
    void anUnchangedTerritoryIs304AndAChangedOne200WithItsNewEtag() {
        label("ti-6001");
        String path = "/api/v1/territories/2060-2064/ti-6001";
        String etag = given().header(Identities.HEADER, Identities.anonymous()).get(path)
                .then().statusCode(200).header("Cache-Control", "no-cache").extract().header("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        given().header(Identities.HEADER, Identities.anonymous()).header("If-None-Match", etag).get(path)
                .then().statusCode(304).body(emptyString());

        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", etag)
                .contentType("application/json").body("{\"name\":\"Roannais Forez\"}")
                .patch(path).then().statusCode(200);
        given().header(Identities.HEADER, Identities.anonymous()).header("If-None-Match", etag).get(path)
                .then().statusCode(200).header("ETag", "\"1\"").body("name", equalTo("Roannais Forez"));
    }

    @Test
    void aChangeMadeByAnotherInstanceIsReadWithinASecond() {
        label("ti-6002");
        String path = "/api/v1/territories/2060-2064/ti-6002";
        given().header(Identities.HEADER, Identities.anonymous()).get(path).then().statusCode(200)
                .body("name", equalTo("Roanne - Tarare"));
        // another instance of the service renames it: this one holds the territory in memory, and must drop it
        assertThat(Db.execute("update territory set name = 'Roannais', version = version + 1 "
                + "where phase = '2060-2064' and ti_id = 'ti-6002'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().header(Identities.HEADER, Identities.anonymous()).get(path).then().statusCode(200)
                        .header("ETag", "\"1\"").body("name", equalTo("Roannais")));
    }

    @Test
    void listsAndReferenceDataAreTaggedByTheirContent() {
        String regionsTag = given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/regions")
                .then().statusCode(200).header("Cache-Control", "public, max-age=86400")
                .header("ETag", notNullValue()).extract().header("ETag");
        given().header(Identities.HEADER, Identities.anonymous()).header("If-None-Match", regionsTag)
                .get("/api/v1/regions").then().statusCode(304);

        String listTag = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/territories?phase=2019-2022&region=84").then().statusCode(200).extract().header("ETag");
        given().header(Identities.HEADER, Identities.anonymous()).header("If-None-Match", listTag)
                .get("/api/v1/territories?phase=2019-2022&region=84").then().statusCode(304);
        // another page is another representation
        given().header(Identities.HEADER, Identities.anonymous()).header("If-None-Match", listTag)
                .get("/api/v1/territories?phase=2019-2022&region=84&limit=1").then().statusCode(200);
    }

    @Test
    void aCachedIdentityIsRefusedOnceItHasExpired() {
        String identity = Identities.nationalAdminExpiringIn(1);
        Instant expiry = Instant.now().plusSeconds(1);
        given().header(Identities.HEADER, identity).get("/api/v1/regions/84").then().statusCode(200);
        given().header(Identities.HEADER, identity).get("/api/v1/regions/84").then().statusCode(200);
        // expiry plus the configured clock skew (5 s); never accepted beyond it, though verified only once
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().header(Identities.HEADER, identity).get("/api/v1/regions/84").statusCode() == 401);
        assertThat(Instant.now()).isAfter(expiry.plusSeconds(3)); // tokens carry whole seconds
    }
}
