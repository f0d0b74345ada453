package fr.gouv.ti.measure;

import fr.gouv.ti.measure.service.MeasureEvents;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance of issue 5: a new version rewords one measure and retires another; the diff shows exactly that, the
 * old version stays readable, "as of" a date before the new version gives the old text, and the events reach Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class PublishingARewordedAndARetiredMeasureTest {

    @Test
    void theDiffShowsExactlyTheRewordingAndTheRetirementAndTheOldVersionStaysReadable() {
        JsonPath current = Catalogue.current();
        int old = current.getInt("number");
        LocalDate oldEffective = LocalDate.parse(current.getString("effectiveDate"));
        // after every seeded measure's validity start (the latest is 2020-01-01), so that any of them can be retired then
        LocalDate newEffective = Catalogue.laterOf(oldEffective.plusDays(30), LocalDate.of(2021, 1, 1));

        List<Map<String, Object>> active = given().header(Identities.HEADER, Identities.anonymous())
                .queryParam("version", old).queryParam("status", "ACTIVE").queryParam("limit", 500)
                .get("/api/v1/measures").then().statusCode(200).extract().jsonPath().getList("items");
        String reworded = (String) active.get(0).get("code");
        String retired = (String) active.get(1).get("code");
        String oldTitle = (String) active.get(0).get("titleFr");
        String newTitle = oldTitle + " (reformulé)";

        Catalogue.discardAnyDraft();
        long auditBefore = Catalogue.count("select coalesce(max(id), 0) from audit_log");
        Object[] draft = Catalogue.openDraft("Version de test : une reformulation, un retrait");
        int n = (int) draft[0];
        String etag = (String) draft[1];

        JsonPath measure = given().header(Identities.HEADER, Catalogue.admin()).queryParam("version", n)
                .get("/api/v1/measures/" + reworded).then().statusCode(200).extract().jsonPath();
        etag = given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                .contentType("application/json").body(Catalogue.requestFrom(measure, newTitle))
                .put("/api/v1/catalogue/versions/" + n + "/measures/" + reworded)
                .then().statusCode(200).extract().header("ETag");
        etag = given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                .contentType("application/json").body("{\"retiredOn\":\"" + newEffective + "\"}")
                .post("/api/v1/catalogue/versions/" + n + "/measures/" + retired + "/retire")
                .then().statusCode(200).extract().header("ETag");

        try (TopicProbe probe = new TopicProbe(MeasureEvents.TOPIC)) {
            JsonPath published = given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                    .contentType("application/json").body("{\"effectiveDate\":\"" + newEffective + "\"}")
                    .post("/api/v1/catalogue/versions/" + n + "/publish")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(published.getString("status")).isEqualTo("PUBLISHED");
            assertThat(published.getBoolean("current")).isTrue();

            // the diff: exactly one rewording and one retirement
            JsonPath diff = given().header(Identities.HEADER, Identities.anonymous())
                    .queryParam("from", old).queryParam("to", n)
                    .get("/api/v1/catalogue/diff").then().statusCode(200).extract().jsonPath();
            assertThat(diff.getList("added")).isEmpty();
            assertThat(diff.getList("removed")).isEmpty();
            assertThat(diff.getList("changed")).isEmpty();
            assertThat(diff.getList("retired.code")).containsExactly(retired);
            assertThat(diff.getString("retired[0].retiredOn")).isEqualTo(newEffective.toString());
            assertThat(diff.getList("reworded.code")).containsExactly(reworded);
            assertThat(diff.getString("reworded[0].before.titleFr")).isEqualTo(oldTitle);
            assertThat(diff.getString("reworded[0].after.titleFr")).isEqualTo(newTitle);

            // the old version is still readable, unchanged
            given().header(Identities.HEADER, Identities.anonymous()).queryParam("version", old)
                    .get("/api/v1/measures/" + reworded).then().statusCode(200)
                    .body("titleFr", org.hamcrest.Matchers.equalTo(oldTitle)).body("version", org.hamcrest.Matchers.equalTo(old));
            given().header(Identities.HEADER, Identities.anonymous()).queryParam("version", old)
                    .get("/api/v1/measures/" + retired).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

            // as of the day before the new version: the old text; from its effective date: the new one
            given().header(Identities.HEADER, Identities.anonymous()).queryParam("asOf", newEffective.minusDays(1).toString())
                    .get("/api/v1/measures/" + reworded).then().statusCode(200)
                    .body("titleFr", org.hamcrest.Matchers.equalTo(oldTitle)).body("version", org.hamcrest.Matchers.equalTo(old));
            given().header(Identities.HEADER, Identities.anonymous()).queryParam("asOf", newEffective.toString())
                    .get("/api/v1/measures/" + reworded).then().statusCode(200)
                    .body("titleFr", org.hamcrest.Matchers.equalTo(newTitle)).body("version", org.hamcrest.Matchers.equalTo(n));
            JsonPath before = given().header(Identities.HEADER, Identities.anonymous())
                    .queryParam("asOf", newEffective.minusDays(1).toString())
                    .get("/api/v1/catalogue").then().statusCode(200).extract().jsonPath();
            assertThat(before.getInt("version.number")).isEqualTo(old);

            // the retired measure stays readable in the new version
            given().header(Identities.HEADER, Identities.anonymous())
                    .get("/api/v1/measures/" + retired).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("RETIRED"))
                    .body("retiredOn", org.hamcrest.Matchers.equalTo(newEffective.toString()))
                    .body("validTo", org.hamcrest.Matchers.equalTo(newEffective.toString()));
            given().header(Identities.HEADER, Identities.anonymous())
                    .get("/api/v1/measures/" + reworded + "/history").then().statusCode(200)
                    .body("titleFr", org.hamcrest.Matchers.hasItems(oldTitle, newTitle));

            // the events reach Kafka
            ConsumerRecord<String, String> cat = probe.awaitType(MeasureEvents.CATALOGUE_PUBLISHED,
                    p -> p.contains("\"version\":" + n + ","));
            assertThat(cat.key()).isEqualTo("catalogue");
            JsonPath payload = new JsonPath(cat.value());
            assertThat(payload.getString("effectiveDate")).isEqualTo(newEffective.toString());
            assertThat(payload.getString("measures.find { it.code == '" + reworded + "' }.title")).isEqualTo(newTitle);
            assertThat(payload.getString("measures.find { it.code == '" + retired + "' }.status")).isEqualTo("RETIRED");
            ConsumerRecord<String, String> ret = probe.awaitType(MeasureEvents.MEASURE_RETIRED,
                    p -> p.contains("\"code\":\"" + retired + "\"") && p.contains("\"version\":" + n));
            assertThat(ret.key()).isEqualTo(retired);
            assertThat(new JsonPath(ret.value()).getString("retiredOn")).isEqualTo(newEffective.toString());
        }

        // audited: the draft's opening, the two edits and the publication
        assertThat(Catalogue.string("select string_agg(action || ' ' || resource_id, ', ' order by id) from audit_log "
                + "where id > " + auditBefore)).isEqualTo("catalogue.draft.open " + n + ", catalogue.measure.update " + n
                + "/" + reworded + ", catalogue.measure.retire " + n + "/" + retired + ", catalogue.publish " + n);
    }
}
