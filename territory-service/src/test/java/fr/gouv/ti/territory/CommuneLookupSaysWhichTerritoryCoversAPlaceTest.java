package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class CommuneLookupSaysWhichTerritoryCoversAPlaceTest {

    static RequestSpecification anyone() {
        return given().header(Identities.HEADER, Identities.anonymous());
    }

    static String seedFile() throws Exception {
        try (InputStream in = CommuneLookupSaysWhichTerritoryCoversAPlaceTest.class.getClassLoader()
                .getResourceAsStream("seed/communes_cog2026.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void roanneIsInRoanneTarareThroughItsAgglomerationThenInRoannaisForez() {
        assertThat(Db.count("select count(*) from commune")).isEqualTo(34_875);
        anyone().get("/api/v1/communes/42187").then().statusCode(200)
                .body("commune.name", equalTo("Roanne"))
                .body("commune.postalCodes", contains("42300"))
                .body("epci.siren", equalTo("200035731"))
                .body("epci.name", equalTo("CA Roannais Agglomération"))
                .body("phases.find { it.phase == '2019-2022' }.inTerritoireDIndustrie", equalTo(true))
                .body("phases.find { it.phase == '2019-2022' }.territories.tiId", contains("ti-8411"))
                .body("phases.find { it.phase == '2019-2022' }.territories[0].name", equalTo("Roanne - Tarare"))
                .body("phases.find { it.phase == '2019-2022' }.territories[0].via", equalTo("EPCI"))
                .body("phases.find { it.phase == '2023-2027' }.territories.tiId", contains("ti-8417"));
        // as of mid-2020 the 2023-2027 territories did not exist yet
        anyone().get("/api/v1/communes/42187?asOf=2020-06-30").then().statusCode(200)
                .body("phases.find { it.phase == '2019-2022' }.territories.tiId", contains("ti-8411"))
                .body("phases.find { it.phase == '2023-2027' }.inTerritoireDIndustrie", equalTo(false));
    }

    @Test
    void aPostalCodeSharedBySeveralCommunesAnswersForEach() {
        anyone().get("/api/v1/communes?postalCode=42300").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.commune.insee", containsInAnyOrder("42127", "42187", "42332"));
        anyone().get("/api/v1/communes?postalCode=20167").then().statusCode(200)
                .body("items", hasSize(10))
                .body("items.commune.departmentCode", hasItems("2A"));
    }

    @Test
    void communesOfCommuneBasedTerritoriesAreFoundDirectly() {
        anyone().get("/api/v1/communes/23019").then().statusCode(200)
                .body("commune.name", equalTo("Beissat"))
                .body("phases.find { it.phase == '2023-2027' }.territories[0].tiId", equalTo("ti-7506"))
                .body("phases.find { it.phase == '2023-2027' }.territories[0].via", equalTo("COMMUNE"))
                .body("phases.find { it.phase == '2019-2022' }.inTerritoireDIndustrie", equalTo(false));
        // Firminy: by itself in 2019-2022, through its EPCI in 2023-2027
        anyone().get("/api/v1/communes/42095").then().statusCode(200)
                .body("phases.find { it.phase == '2019-2022' }.territories[0].tiId", equalTo("ti-8416"))
                .body("phases.find { it.phase == '2019-2022' }.territories[0].via", equalTo("COMMUNE"))
                .body("phases.find { it.phase == '2023-2027' }.territories[0].tiId", equalTo("ti-8424"))
                .body("phases.find { it.phase == '2023-2027' }.territories[0].via", equalTo("EPCI"));
    }

    @Test
    void aCommuneOutsideEveryTerritorySaysSoForEachPhase() {
        for (String insee : new String[]{"97411", "22016"}) {
            anyone().get("/api/v1/communes/" + insee).then().statusCode(200)
                    .body("phases.find { it.phase == '2019-2022' }.inTerritoireDIndustrie", equalTo(false))
                    .body("phases.find { it.phase == '2019-2022' }.territories", hasSize(0))
                    .body("phases.find { it.phase == '2023-2027' }.inTerritoireDIndustrie", equalTo(false));
        }
        anyone().get("/api/v1/communes/22016").then().body("epci", nullValue());
    }

    @Test
    void corsicanAndOverseasCodesWork() {
        anyone().get("/api/v1/communes/2A004").then().statusCode(200)
                .body("commune.name", equalTo("Ajaccio")).body("commune.regionCode", equalTo("94"))
                .body("phases.find { it.phase == '2019-2022' }.territories.tiId", contains("ti-9401"))
                .body("phases.find { it.phase == '2023-2027' }.territories.tiId", contains("ti-9402"));
        anyone().get("/api/v1/communes/97105").then().statusCode(200)
                .body("commune.name", equalTo("Basse-Terre")).body("commune.regionCode", equalTo("01"))
                .body("phases.find { it.phase == '2023-2027' }.territories.tiId", contains("ti-0101"));
        anyone().get("/api/v1/communes/97411").then().statusCode(200).body("commune.departmentCode", equalTo("974"));
    }

    @Test
    void byEpciAndByNameIgnoringAccents() {
        anyone().get("/api/v1/communes?epci=200035731").then().statusCode(200)
                .body("items.commune.insee", hasItems("42187"))
                .body("items.find { it.commune.insee == '42187' }.phases.find { it.phase == '2019-2022' }.territories[0].tiId",
                        equalTo("ti-8411"));
        anyone().queryParam("name", "SETE").get("/api/v1/communes").then().statusCode(200)
                .body("items.commune.insee", contains("34301"))
                .body("items[0].phases.find { it.phase == '2019-2022' }.territories[0].name", equalTo("Béziers-Sète"));
        anyone().queryParam("name", "roanne").queryParam("department", "42").get("/api/v1/communes").then()
                .statusCode(200).body("items.commune.insee", contains("42187"));
        anyone().queryParam("name", "nowhere at all").get("/api/v1/communes").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void malformedOrUnknownCodesAreProblems() {
        for (String bad : new String[]{"4218", "421870", "ABCDE", "2C004", "2a004"}) {
            anyone().get("/api/v1/communes/" + bad).then().statusCode(400).contentType("application/problem+json");
        }
        anyone().get("/api/v1/communes/20004").then().statusCode(404).contentType("application/problem+json");
        anyone().get("/api/v1/communes/99999").then().statusCode(404).contentType("application/problem+json");
        for (String bad : new String[]{"postalCode=4230", "postalCode=42300x", "epci=200035732", "epci=12",
                "department=42", "postalCode=42300&epci=200035731", "name=roanne&department=20", "postalCode=42300&department=42",
                "name=%20-%20"}) {
            given().urlEncodingEnabled(false).header(Identities.HEADER, Identities.anonymous())
                    .get("/api/v1/communes?" + bad).then().statusCode(400).contentType("application/problem+json");
        }
        anyone().get("/api/v1/communes?postalCode=00000").then().statusCode(404).contentType("application/problem+json");
        anyone().get("/api/v1/communes?epci=200035202").then().statusCode(200); // a real EPCI
        anyone().get("/api/v1/communes/42187?asOf=2020-13-01").then().statusCode(400);
    }

    @Test
    void theCommunesCanBeReplacedByANewerVintageAllOrNothing() throws Exception {
        String seed = seedFile();
        String before = Db.fingerprint() + "/" + Db.count("select count(*) from commune");
        // same file: no change
        importFile(seed, "").statusCode(200).body("changed", equalTo(false)).body("communesInFile", equalTo(34_875));
        // a bad row anywhere: 422 with every bad row, nothing written
        String bad = seed.replace("42187,Roanne,214201873,42,84,200035731,42300,35409",
                        "42187,Roanne,214201874,42,84,200035731,4230,-1")
                .replace("2A004,Ajaccio,212000046,2A,94,", "2A004,Ajaccio,212000046,2B,94,");
        importFile(bad, "").statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("commune_siren", "postal_codes", "population", "commune_insee"));
        importFile("commune,name\r\n", "").statusCode(422);
        assertThat(Db.fingerprint() + "/" + Db.count("select count(*) from commune")).isEqualTo(before);
        // a newer vintage (here: Roanne's population changed) — dry run, then real, then back
        String newer = seed.replace("42187,Roanne,214201873,42,84,200035731,42300,35409",
                "42187,Roanne,214201873,42,84,200035731,42300,35500");
        importFile(newer, "?dryRun=true").statusCode(200).body("changed", equalTo(true))
                .body("changedCommunes", equalTo(1)).body("added", equalTo(0)).body("removed", equalTo(0));
        assertThat(Db.count("select population from commune where insee = '42187'")).isEqualTo(35409);
        importFile(newer, "").statusCode(200).body("changedCommunes", equalTo(1));
        anyone().get("/api/v1/communes/42187").then().body("commune.population", equalTo(35500));
        importFile(seed, "").statusCode(200).body("changedCommunes", equalTo(1));
        anyone().get("/api/v1/communes/42187").then().body("commune.population", equalTo(35409));
        // roles
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).contentType("text/csv").body(seed)
                .post("/api/v1/communes/import").then().statusCode(403);
    }

    @Test
    void theCommunesFileSavedByFrenchExcelWithSemicolonsInWindows1252IsTheSameVintage() throws Exception {
        // issue 20, part 7: every CSV import reads what a spreadsheet saves, not only the phase import
        fr.gouv.ti.commons.core.csv.CsvReader.Table seed = fr.gouv.ti.commons.core.csv.CsvReader.parse(seedFile());
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        rows.add(seed.columns());
        seed.rows().forEach(r -> rows.add(r.fields()));
        byte[] excel = APhaseFileSavedByFrenchExcelIsImportedTest.excelSemicolons(rows)
                .getBytes(fr.gouv.ti.commons.core.csv.CsvReader.WINDOWS_1252);
        String before = Db.fingerprint() + "/" + Db.count("select count(*) from commune");
        given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("text/csv").body(excel)
                .post("/api/v1/communes/import?dryRun=true").then().statusCode(200)
                .body("communesInFile", equalTo(34_875)).body("changed", equalTo(false))
                .body("changedCommunes", equalTo(0));
        assertThat(Db.fingerprint() + "/" + Db.count("select count(*) from commune")).isEqualTo(before);
    }

    static io.restassured.response.ValidatableResponse importFile(String csv, String query) {
        return given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/communes/import" + query).then();
    }
}
