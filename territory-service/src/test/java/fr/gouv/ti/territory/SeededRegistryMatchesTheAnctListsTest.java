package fr.gouv.ti.territory;

import fr.gouv.ti.territory.service.Seeder;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class SeededRegistryMatchesTheAnctListsTest {

    @Inject
    Seeder seeder;

    private static List<JsonPath> all(String query) {
        List<JsonPath> pages = new ArrayList<>();
        String cursor = null;
        do {
            var req = given().urlEncodingEnabled(false).header(Identities.HEADER, Identities.anonymous());
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get("/api/v1/territories?" + query).then().statusCode(200).extract().jsonPath();
            pages.add(page);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return pages;
    }

    private static List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        for (JsonPath p : all(query)) {
            List<String> phases = p.getList("items.phase");
            List<String> tiIds = p.getList("items.tiId");
            for (int i = 0; i < tiIds.size(); i++) {
                ids.add(phases.get(i) + "/" + tiIds.get(i));
            }
        }
        return ids;
    }

    private static boolean seededPhase(String key) {
        return key.startsWith("2019-2022/") || key.startsWith("2023-2027/");
    }

    @Test
    void bothPhasesAreSeededWith149And183TerritoriesReadablePageByPage() {
        List<String> phase1 = ids("phase=2019-2022&limit=40");
        assertThat(phase1).hasSize(149).doesNotHaveDuplicates().contains("2019-2022/ti-8411");
        assertThat(ids("phase=2023-2027&limit=500")).hasSize(183);
        assertThat(Db.count("select count(*) from territory_member m join territory t on t.id = m.territory_id"
                + " where t.phase = '2019-2022'")).isEqualTo(588);
        assertThat(Db.count("select count(*) from territory_member m join territory t on t.id = m.territory_id"
                + " where t.phase = '2023-2027'")).isEqualTo(641);
    }

    @Test
    void roanneTarareHasTheSixEpcisOfTheArticle() {
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/territories/2019-2022/ti-8411")
                .then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.matchesPattern("\"\\d+\""))
                .body("name", equalTo("Roanne - Tarare"))
                .body("regionCode", equalTo("84"))
                .body("status", equalTo("LABELLED"))
                .body("departmentCodes", containsInAnyOrder("01", "42", "69"))
                .body("perimeter", hasSize(6))
                .body("perimeter.siren", containsInAnyOrder("200035202", "200035731", "200040566", "200040590",
                        "244200630", "246900625"))
                .body("perimeter.find { it.siren == '200035731' }.name", equalTo("CA Roannais Agglomération"))
                .body("perimeter.find { it.siren == '200035731' }.validFrom", equalTo("2019-01-01"));
    }

    @Test
    void seventeenPhaseOneTerritoriesAreLedByAuvergneRhoneAlpesAndThreeMoreReachIt() {
        // issue 20: a territory that straddles two regions is found by both. Aurillac - Figeac - Rodez (ti-7601) is
        // led by Occitanie (76) and its perimeter reaches the Cantal, in Auvergne-Rhône-Alpes (84); so do Ouest
        // Saône-et-Loire (ti-2708, led by 27) and Vallée de la Durance (ti-9308, led by 93)
        List<String> found = ids("phase=2019-2022&region=84&limit=500");
        assertThat(found).hasSize(20).contains("2019-2022/ti-7601", "2019-2022/ti-2708", "2019-2022/ti-9308");
        assertThat(ids("phase=2019-2022&region=76&limit=500")).contains("2019-2022/ti-7601");
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/2019-2022/ti-7601").then()
                .statusCode(200).body("regionCode", equalTo("76")).body("regionCodes", containsInAnyOrder("76", "84"));
    }

    @Test
    void roannaisAgglomerationIsInTi8411ThenTi8417() {
        // other test classes of this JVM put the same EPCI in territories of test-only phases: look at the real ones
        assertThat(ids("siren=200035731").stream().filter(SeededRegistryMatchesTheAnctListsTest::seededPhase))
                .containsExactly("2019-2022/ti-8411", "2023-2027/ti-8417");
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/groupements/200035731/territories")
                .then().statusCode(200)
                .body("findAll { it.phase == '2019-2022' || it.phase == '2023-2027' }.tiId",
                        org.hamcrest.Matchers.contains("ti-8411", "ti-8417"))
                .body("findAll { it.phase == '2019-2022' || it.phase == '2023-2027' }.territoryName",
                        org.hamcrest.Matchers.contains("Roanne - Tarare", "Roannais Forez"));
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/groupements/200035732/territories")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void searchIgnoresCaseAccentsAndPunctuation() {
        assertThat(ids("q=roanne&phase=2019-2022")).contains("2019-2022/ti-8411");
        assertThat(ids("q=saint%20omer")).contains("2019-2022/ti-3209", "2023-2027/ti-3212");
        assertThat(ids("q=SETE")).contains("2019-2022/ti-7603", "2023-2027/ti-7604");
        // a groupement's name: "CA Roannais Agglomération" → found by "agglomeration roannais"
        assertThat(ids("q=agglomeration%20roannais")).contains("2019-2022/ti-8411", "2023-2027/ti-8417");
        assertThat(ids("q=zzzzqqq")).isEmpty();
    }

    @Test
    void filtersCombineAndBadValuesAre400() {
        assertThat(ids("department=42&phase=2019-2022")).contains("2019-2022/ti-8411");
        assertThat(ids("nature=MET69")).isEmpty();
        assertThat(ids("nature=COM&phase=2023-2027")).isNotEmpty();
        assertThat(ids("status=DELABELLED&phase=2019-2022")).isEmpty();
        assertThat(ids("updatedSince=2999-01-01T00:00:00Z")).isEmpty();
        for (String bad : List.of("region=99", "department=20", "siren=123", "siren=200035732", "nature=XX",
                "status=GONE", "updatedSince=yesterday", "limit=0", "limit=501", "limit=ten", "cursor=%25%25", "phase=2019")) {
            given().urlEncodingEnabled(false).header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories?" + bad)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/2019-2022/ti-8411?asOf=soon")
                .then().statusCode(400).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/2019-2022/ti-9999")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void referenceTablesHold18RegionsAnd101Departments() {
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/regions")
                .then().statusCode(200).body("$", hasSize(18));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/departments")
                .then().statusCode(200).body("$", hasSize(101));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/departments/2A")
                .then().statusCode(200).body("regionCode", equalTo("94"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/departments?region=84")
                .then().statusCode(200).body("$", hasSize(12));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/regions/99")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theExportOfASeededPhaseIsTheSeedFileByteForByte() throws Exception {
        for (String[] p : new String[][]{{"2019-2022", "seed/territoires_industrie_2019_2022_epci.csv"},
                {"2023-2027", "seed/territoires_industrie_2023_2027_epci.csv"}}) {
            String seed;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(p[1])) {
                seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String export = given().header(Identities.HEADER, Identities.anonymous())
                    .get("/api/v1/phases/" + p[0] + "/territories.csv")
                    .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                    .extract().asString();
            assertThat(export).isEqualTo(seed);
        }
    }

    @Test
    void seedingAgainChangesNothing() {
        String before = Db.fingerprint();
        assertThat(seeder.seed()).isZero();
        assertThat(Db.fingerprint()).isEqualTo(before);
        assertThat(Db.count("select count(*) from outbox_event where type = 'fr.gouv.ti.territory.labelled.v1'"
                + " and aggregate_id like '2019-2022/%'")).isEqualTo(149);
        assertThat(Db.count("select count(*) from outbox_event where type = 'fr.gouv.ti.territory.labelled.v1'"
                + " and aggregate_id like '2023-2027/%'")).isEqualTo(183);
    }
}
