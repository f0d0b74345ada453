package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class AdminWritesNeedIfMatchAndEmitEventsTest {

    static final String ROANNE = """
            {"phase":"%s","tiId":"%s","name":"Roanne - Tarare","regionCode":"84","labelledOn":"2050-01-15",
             "perimeter":[
               {"siren":"200035731","name":"CA Roannais Agglomération","nature":"CA","departmentCodes":["42"]},
               {"siren":"200035202","name":"CC Charlieu-Belmont","nature":"CC","departmentCodes":["42"]}],
             "pilots":[{"name":"Pilote élu","role":"ELECTED","organisation":"Roannais Agglomération"}]}""";

    static long events(String key, String type) {
        return Db.count("select count(*) from outbox_event where aggregate_id = ? and type = ?", key,
                "fr.gouv.ti.territory." + type + ".v1");
    }

    static long audits(String key, String action) {
        return Db.count("select count(*) from audit_log where resource_id = ? and action = ?", key, action);
    }

    @Test
    void labelUpdatePerimeterPilotsAndDelabelEachEmitTheirEventAndAnAuditRow() {
        String phase = "2050-2054";
        String key = phase + "/ti-8401";
        // a well-formed phase that overlaps no other opens with its first territory
        given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json")
                .body(ROANNE.formatted(phase, "ti-8401")).post("/api/v1/territories")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("perimeter", hasSize(2)).body("pilots[0].role", equalTo("ELECTED"))
                .body("perimeter[0].validFrom", equalTo("2050-01-15"));
        assertThat(events(key, "labelled")).isEqualTo(1);
        assertThat(audits(key, "territory.label")).isEqualTo(1);

        // If-Match: missing → 428, stale → 412, current → 200 with a new ETag
        String rename = "{\"name\":\"Roannais Forez\",\"notes\":\"Renommé\"}";
        given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json").body(rename)
                .patch("/api/v1/territories/" + key).then().statusCode(428).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"7\"")
                .contentType("application/json").body(rename)
                .patch("/api/v1/territories/" + key).then().statusCode(412).contentType("application/problem+json")
                .body("currentEtag", equalTo("\"0\""));
        assertThat(events(key, "updated")).isZero();
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"0\"")
                .contentType("application/json").body(rename)
                .patch("/api/v1/territories/" + key).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Roannais Forez")).body("notes", equalTo("Renommé"));
        assertThat(events(key, "updated")).isEqualTo(1);
        given().header(Identities.HEADER, Identities.anonymous()).queryParam("q", "roannais forez").queryParam("phase", phase)
                .get("/api/v1/territories")
                .then().body("items.tiId", contains("ti-8401"));

        // perimeter change on an effective date: the past stays readable
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"1\"")
                .contentType("application/json").body("""
                        {"effectiveDate":"2051-01-01","members":[
                          {"siren":"200035731","name":"CA Roannais Agglomération","nature":"CA","departmentCodes":["42"]},
                          {"siren":"200065894","name":"CC de Forez-Est","nature":"CC","departmentCodes":["42"]}]}""")
                .put("/api/v1/territories/" + key + "/perimeter").then().statusCode(200).header("ETag", "\"2\"")
                .body("perimeter.siren", contains("200035731", "200065894"));
        assertThat(events(key, "perimeter-changed")).isEqualTo(1);
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + key + "?asOf=2050-12-31")
                .then().body("perimeter.siren", contains("200035202", "200035731"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + key + "?asOf=2050-01-14")
                .then().body("perimeter", hasSize(0));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + key + "?history=true")
                .then().body("perimeter", hasSize(3))
                .body("perimeter.find { it.siren == '200035202' }.validTo", equalTo("2051-01-01"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/groupements/200035202/territories")
                .then().body("find { it.phase == '" + phase + "' }.groupement.validTo", equalTo("2051-01-01"));

        // a groupement cannot leave before it joined
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"2\"")
                .contentType("application/json").body("""
                        {"effectiveDate":"2050-06-01","members":[
                          {"siren":"200035731","name":"CA Roannais Agglomération","nature":"CA","departmentCodes":["42"]}]}""")
                .put("/api/v1/territories/" + key + "/perimeter").then().statusCode(422)
                .body("errors.field", hasItem("effectiveDate"));

        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"2\"")
                .contentType("application/json").body("""
                        {"pilots":[{"name":"Pilote élu","role":"ELECTED","organisation":"Roannais Agglomération"},
                                   {"name":"Pilote industriel","role":"INDUSTRIALIST","organisation":"Une entreprise"}]}""")
                .put("/api/v1/territories/" + key + "/pilots").then().statusCode(200).header("ETag", "\"3\"")
                .body("pilots", hasSize(2));
        assertThat(events(key, "updated")).isEqualTo(2);

        // an ISO-8601 expanded year or an epoch-day number is not a date of this API: 400, nothing written
        for (String notADate : new String[]{"\"+999999999-12-31\"", "\"2054-02-30\"", "20000", "\"54-12-31\""}) {
            given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"3\"")
                    .contentType("application/json").body("{\"effectiveDate\":" + notADate + "}")
                    .post("/api/v1/territories/" + key + "/delabelling").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("effectiveDate"));
        }
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"3\"")
                .contentType("application/json").body("{\"effectiveDate\":\"2054-12-31\"}")
                .post("/api/v1/territories/" + key + "/delabelling").then().statusCode(200)
                .body("status", equalTo("DELABELLED")).body("delabelledOn", equalTo("2054-12-31"));
        assertThat(events(key, "delabelled")).isEqualTo(1);
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"4\"")
                .contentType("application/json").body("{}")
                .post("/api/v1/territories/" + key + "/delabelling").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(Db.count("select count(*) from audit_log where resource_id = ?", key)).isEqualTo(5);
    }

    @Test
    void concurrentLabelsOfTheSameTerritoryGiveOneCreatedAndConflictsNeverA500() throws Exception {
        String body = ROANNE.formatted("2056-2058", "ti-8402");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> given().header(Identities.HEADER, Identities.nationalAdmin())
                        .contentType("application/json").body(body).post("/api/v1/territories").statusCode()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : calls) {
                statuses.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events("2056-2058/ti-8402", "labelled")).isEqualTo(1);
    }

    @Test
    void badSirenUnknownRegionOrInconsistentPerimeterAreRefusedAndNothingIsWritten() {
        String before = Db.fingerprint();
        String[] bodies = {
                // Luhn
                ROANNE.formatted("2019-2022", "ti-8498").replace("200035731", "200035732"),
                // 8 digits
                ROANNE.formatted("2019-2022", "ti-8498").replace("200035731", "20003573"),
                // unknown region
                ROANNE.formatted("2019-2022", "ti-8498").replace("\"regionCode\":\"84\"", "\"regionCode\":\"99\""),
                // region inconsistent with the groupements' departments (42 is in 84)
                ROANNE.formatted("2019-2022", "ti-8498").replace("\"regionCode\":\"84\"", "\"regionCode\":\"11\""),
                // unknown department, unknown nature
                ROANNE.formatted("2019-2022", "ti-8498").replace("[\"42\"]", "[\"20\"]").replace("\"CA\"", "\"SIVU\""),
                // a phase overlapping an existing one is a typo, not a new phase
                ROANNE.formatted("2019-2023", "ti-8498"),
        };
        for (String body : bodies) {
            given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json").body(body)
                    .post("/api/v1/territories").then().statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("Nothing was written"));
        }
        // null elements and missing fields are 400s, never 500s
        for (String body : new String[]{
                ROANNE.formatted("2019-2022", "ti-8498").replace("[\"42\"]", "[\"42\", null]"),
                ROANNE.formatted("2019-2022", "ti-8498").replace("\"pilots\":[", "\"pilots\":[null,"),
                ROANNE.formatted("2019-2022", "ti-8498").replace("\"perimeter\":[", "\"perimeter\":[null,"),
                "{\"phase\":\"2019-2022\"}"}) {
            given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json").body(body)
                    .post("/api/v1/territories").then().statusCode(400).contentType("application/problem+json");
        }
        // already exists
        given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json")
                .body(ROANNE.formatted("2019-2022", "ti-8411")).post("/api/v1/territories")
                .then().statusCode(409).contentType("application/problem+json");
        // roles
        given().header(Identities.HEADER, Identities.region("84")).contentType("application/json")
                .body(ROANNE.formatted("2019-2022", "ti-8498")).post("/api/v1/territories")
                .then().statusCode(403).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.anonymous()).contentType("application/json")
                .body(ROANNE.formatted("2019-2022", "ti-8498")).post("/api/v1/territories")
                .then().statusCode(401).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", "ti-8411")).header("If-Match", "*")
                .contentType("application/json").body("{\"name\":\"x\"}")
                .patch("/api/v1/territories/2019-2022/ti-8411").then().statusCode(403);
        // unknown territory, malformed JSON, unknown field
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "*")
                .contentType("application/json").body("{\"name\":\"x\"}")
                .patch("/api/v1/territories/2019-2022/ti-0000").then().statusCode(404);
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "*")
                .contentType("application/json").body("{\"name\":")
                .patch("/api/v1/territories/2019-2022/ti-8411").then().statusCode(400);
        given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "*")
                .contentType("application/json").body("{\"nom\":\"x\"}")
                .patch("/api/v1/territories/2019-2022/ti-8411").then().statusCode(400);
        assertThat(Db.fingerprint()).isEqualTo(before);
        assertThat(Db.count("select count(*) from phase where code = '2019-2023'")).isZero();
    }
}
