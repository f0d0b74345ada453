package fr.gouv.ti.webhook;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Bad input is a 4xx problem and stores nothing; a client sees and changes only its own subscriptions. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class SubscriptionsAreValidatedAndPrivateTest {

    private static final String PATH = "/api/v1/webhooks/subscriptions";

    private static RequestSpecification as(String identity) {
        return given().header(Identities.HEADER, identity).contentType("application/json");
    }

    private static String body(String url, String types) {
        return """
                {"url":"%s","eventTypes":%s,"description":"SI contrats"}""".formatted(url, types);
    }

    private static void refused(String identity, String json, int status, String field) {
        long before = Db.writes();
        Response r = as(identity).body(json).post(PATH);
        r.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
        if (field != null) {
            r.then().body("errors.field", hasItem(startsWith(field)));
        }
        assertThat(Db.writes()).as("nothing stored for " + json).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedWithAProblemAndNothingIsStored() {
        String region = Identities.region("84");
        refused(region, body("not a url", "[\"fr.gouv.ti.contract.*\"]"), 422, "url");
        refused(region, body("ftp://127.0.0.1/x", "[\"fr.gouv.ti.contract.*\"]"), 422, "url");
        refused(region, body("http://127.0.0.1:9/x", "[\"fr.gouv.ti.contract.exploded.v1\"]"), 422, "eventTypes[0]");
        refused(region, body("http://127.0.0.1:9/x", "[\"fr.gouv.ti.nothing.*\"]"), 422, "eventTypes[0]");
        refused(region, body("http://127.0.0.1:9/x", "[]"), 422, "eventTypes");
        refused(region, """
                {"url":"http://127.0.0.1:9/x","eventTypes":["fr.gouv.ti.*"],"regionCode":"11"}""", 422, "regionCode");
        refused(region, """
                {"url":"http://127.0.0.1:9/x","eventTypes":["fr.gouv.ti.*"],"tiId":"8411"}""", 422, "tiId");
        refused(region, """
                {"url":"http://127.0.0.1:9/x","eventTypes":["fr.gouv.ti.*"],"colour":"blue"}""", 400, null);
        refused(region, "{\"url\":", 400, null);
        refused(Identities.anonymous(), body("http://127.0.0.1:9/x", "[\"fr.gouv.ti.*\"]"), 401, null);
        long before = Db.writes();
        given().contentType("application/json").body(body("http://127.0.0.1:9/x", "[\"fr.gouv.ti.*\"]")).post(PATH)
                .then().statusCode(401).contentType("application/problem+json");
        assertThat(Db.writes()).isEqualTo(before);
    }

    @Test
    void aSubscriptionIsShownOnceWithItsSecretAndOnlyToItsClient() {
        String mine = Identities.region("84");
        String other = Identities.token("region-84-other-app", "region", "84", null, null, null);
        Response created = as(mine).body(body("http://127.0.0.1:9/hook", "[\"fr.gouv.ti.contract.*\"]")).post(PATH);
        created.then().statusCode(201).header("ETag", "\"1\"")
                .body("secret", startsWith("whsec_"))
                .body("subscription.enabled", equalTo(true))
                .body("subscription.ownerRole", equalTo("region"));
        String id = created.path("subscription.id");

        as(mine).get(PATH + "/" + id).then().statusCode(200).body("url", equalTo("http://127.0.0.1:9/hook"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        as(mine).get(PATH).then().statusCode(200).body("items.id", hasItem(id));

        // another client (same role and region) does not see it, change it, replay it or delete it
        as(other).get(PATH + "/" + id).then().statusCode(404).contentType("application/problem+json");
        as(other).get(PATH).then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        long before = Db.writes();
        as(other).header("If-Match", "\"1\"").body("{\"url\":\"http://127.0.0.1:9/evil\"}").patch(PATH + "/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        as(other).delete(PATH + "/" + id).then().statusCode(404);
        as(other).post(PATH + "/" + id + "/secret-rotation").then().statusCode(404);
        as(other).body("{\"since\":\"2026-01-01T00:00:00Z\"}").post(PATH + "/" + id + "/replay").then().statusCode(404);
        assertThat(Db.writes()).isEqualTo(before);

        // updates need If-Match; a malformed id is a 400
        as(mine).body("{\"description\":\"x\"}").patch(PATH + "/" + id).then().statusCode(428);
        as(mine).header("If-Match", "\"7\"").body("{\"description\":\"x\"}").patch(PATH + "/" + id)
                .then().statusCode(412);
        as(mine).header("If-Match", "\"1\"").body("{\"url\":\"gopher://x\"}").patch(PATH + "/" + id)
                .then().statusCode(422).body("errors.field", hasItem("url"));
        as(mine).header("If-Match", "\"1\"").body("{\"description\":\"SI contrats AURA\"}").patch(PATH + "/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("description", equalTo("SI contrats AURA"));
        as(mine).get(PATH + "/not-a-uuid").then().statusCode(400).contentType("application/problem+json");

        // rotation: a new secret, the previous one still valid for the overlap
        as(mine).queryParam("overlapSeconds", 60).post(PATH + "/" + id + "/secret-rotation").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("previousSecretValidUntil", org.hamcrest.Matchers.notNullValue());
        assertThat(Db.count("select count(*) from subscription_secret where subscription_id = ?::uuid", id))
                .isEqualTo(2);
        as(mine).queryParam("overlapSeconds", -1).post(PATH + "/" + id + "/secret-rotation").then().statusCode(400);

        as(mine).delete(PATH + "/" + id).then().statusCode(204);
        as(mine).get(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void theEventTypesAreListed() {
        as(Identities.operator("BPIFRANCE")).get("/api/v1/webhooks/event-types").then().statusCode(200)
                .body("items", hasItem("fr.gouv.ti.funding.committed.v1"));
    }
}
