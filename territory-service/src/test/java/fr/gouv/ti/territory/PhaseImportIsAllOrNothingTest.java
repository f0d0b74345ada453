package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/**
 * Bulk import of a phase: all or nothing, 422 listing every bad row, dry run, idempotent, export→import no-op.
 * Rows are real rows of the ANCT lists (seed files), moved to test-only phases so that seeded phases stay untouched.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class PhaseImportIsAllOrNothingTest {

    static final String HEADER = "phase,ti_id,ti_name,region_code,region_name,department_codes,epci_siren,epci_name,"
            + "groupement_nature,epci_name_cog2026\r\n";

    /** Three territories: EPCIs, a name with a comma (quoted), a commune-based one, a renamed EPCI. */
    static String base(String phase) {
        return HEADER
                + phase + ",ti-2404,Montargois-en-Gâtinais - Giennois,24,Centre-Val de Loire,45;89,200067668,\"CC de la Cléry, du Betz et de l'Ouanne\",CC,\"CC de la Cléry, du Betz et de l'Ouanne\"\r\n"
                + phase + ",ti-2404,Montargois-en-Gâtinais - Giennois,24,Centre-Val de Loire,45,200067676,CC Canaux et Forêts en Gâtinais,CC,CC Canaux et Forêts en Gâtinais\r\n"
                + phase + ",ti-3209,Flandre - Saint-Omer,32,Hauts-de-France,59,200040947,CC de Flandre Intérieure,CA,CA Coeur de Flandre\r\n"
                + phase + ",ti-7506,Creuse Industrie,75,Nouvelle-Aquitaine,23,212301907,Beissat,COM,Beissat\r\n"
                + phase + ",ti-7506,Creuse Industrie,75,Nouvelle-Aquitaine,23,212306302,Clairavaux,COM,Clairavaux\r\n"
                + phase + ",ti-8411,Roanne - Tarare,84,Auvergne-Rhône-Alpes,42,200035202,CC Charlieu-Belmont,CC,CC Charlieu-Belmont\r\n"
                + phase + ",ti-8411,Roanne - Tarare,84,Auvergne-Rhône-Alpes,42,200035731,CA Roannais Agglomération,CA,CA Roannais Agglomération\r\n";
    }

    static void createPhase(String code) {
        given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"startsOn\":\"" + code.substring(0, 4) + "-01-01\",\"endsOn\":\""
                        + code.substring(5) + "-12-31\"}")
                .post("/api/v1/phases").then().statusCode(201);
    }

    static ValidatableResponse upload(String phase, String csv, String query) {
        return upload(phase, csv.getBytes(StandardCharsets.UTF_8), query);
    }

    static ValidatableResponse upload(String phase, byte[] csv, String query) {
        return given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("text/csv; charset=UTF-8")
                .body(csv).post("/api/v1/phases/" + phase + "/territories.csv" + query).then();
    }

    static String export(String phase) {
        return given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/phases/" + phase + "/territories.csv").then().statusCode(200).extract().asString();
    }

    @Test
    void importingANewPhaseLabelsEachTerritoryOnceAndImportingItAgainChangesNothing() {
        String phase = "2040-2044";
        createPhase(phase);
        long eventsBefore = Db.count("select count(*) from outbox_event where aggregate_id like '2040-2044/%'");
        assertThat(eventsBefore).isZero();
        upload(phase, base(phase), "").statusCode(200)
                .body("changed", equalTo(true))
                .body("territoriesAdded.tiId", contains("ti-2404", "ti-3209", "ti-7506", "ti-8411"))
                .body("groupementsJoining", hasSize(7))
                .body("eventsEmitted", equalTo(4));
        assertThat(Db.count("select count(*) from outbox_event where aggregate_id like '2040-2044/%'"
                + " and type = 'fr.gouv.ti.territory.labelled.v1'")).isEqualTo(4);

        String before = Db.fingerprint();
        upload(phase, base(phase), "").statusCode(200)
                .body("changed", equalTo(false)).body("eventsEmitted", equalTo(0))
                .body("territoriesAdded", hasSize(0)).body("groupementsJoining", hasSize(0));
        assertThat(Db.fingerprint()).as("second import of the same file writes nothing").isEqualTo(before);

        // what was imported reads back: quoted comma, accents, commune-based territory, renamed EPCI
        assertThat(export(phase)).isEqualTo(base(phase));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-7506")
                .then().statusCode(200).body("perimeter.nature", contains("COM", "COM"))
                .body("perimeter.name", containsInAnyOrder("Beissat", "Clairavaux"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-2404")
                .then().statusCode(200).body("perimeter.name", hasItem("CC de la Cléry, du Betz et de l'Ouanne"))
                .body("departmentCodes", contains("45", "89"));
    }

    @Test
    void thePhaseExportNeutralisesFormulaLikeNamesAndReadsThemBackUnchanged() {
        // finding 6 of issue 18: a name typed as a formula reaches a spreadsheet as text, and the round trip holds
        String phase = "2045-2049";
        createPhase(phase);
        upload(phase, HEADER + phase + ",ti-8411,\"=HYPERLINK(\"\"http://evil.example\"\")\",84,Auvergne-Rhône-Alpes,42,"
                + "200035202,@CC Charlieu-Belmont,CC,-CC Charlieu-Belmont\r\n", "").log().ifValidationFails().statusCode(200);
        String csv = export(phase);
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",")
                .contains(",\"'@CC Charlieu-Belmont\",").contains(",\"'-CC Charlieu-Belmont\"");
        String before = Db.fingerprint();
        upload(phase, csv, "").statusCode(200).body("changed", equalTo(false));
        assertThat(Db.fingerprint()).isEqualTo(before);
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-8411")
                .then().statusCode(200).body("name", equalTo("=HYPERLINK(\"http://evil.example\")"));
    }

    @Test
    void exportThenImportOfASeededPhaseIsANoOp() {
        for (String phase : new String[]{"2019-2022", "2023-2027"}) {
            String csv = export(phase);
            String before = Db.fingerprint();
            upload(phase, csv, "").statusCode(200).body("changed", equalTo(false)).body("eventsEmitted", equalTo(0));
            assertThat(Db.fingerprint()).isEqualTo(before);
        }
    }

    @Test
    void aDryRunReportsTheDiffWithoutWritingThenTheImportAppliesItOnTheEffectiveDate() {
        String phase = "2060-2064";
        createPhase(phase);
        upload(phase, base(phase), "?effectiveDate=2060-01-01").statusCode(200);
        String changed = base(phase)
                // ti-2404 loses a groupement; ti-3209 is renamed and its EPCI gets its new name (same SIREN)
                .replace(phase + ",ti-2404,Montargois-en-Gâtinais - Giennois,24,Centre-Val de Loire,45,200067676,CC Canaux et Forêts en Gâtinais,CC,CC Canaux et Forêts en Gâtinais\r\n", "")
                .replace("ti-3209,Flandre - Saint-Omer,32,Hauts-de-France,59,200040947,CC de Flandre Intérieure",
                        "ti-3209,Pays de Saint-Omer,32,Hauts-de-France,59,200040947,CA Coeur de Flandre")
                // ti-7506 is no longer in the file: delabelled
                .replaceAll(phase + ",ti-7506[^\r]*\r\n", "")
                // ti-8411 gains CC du Pays Entre Loire et Rhône
                + phase + ",ti-8411,Roanne - Tarare,84,Auvergne-Rhône-Alpes,42,244200630,CC du Pays Entre Loire et Rhône,CC,CC du Pays Entre Loire et Rhône\r\n";

        String before = Db.fingerprint();
        upload(phase, changed, "?dryRun=true&effectiveDate=2061-07-01").statusCode(200)
                .body("dryRun", equalTo(true)).body("changed", equalTo(true)).body("eventsEmitted", equalTo(0))
                .body("territoriesAdded", hasSize(0))
                .body("territoriesRemoved.tiId", contains("ti-7506"))
                .body("territoriesRenamed[0].tiId", equalTo("ti-3209"))
                .body("territoriesRenamed[0].from", equalTo("Flandre - Saint-Omer"))
                .body("territoriesRenamed[0].to", equalTo("Pays de Saint-Omer"))
                .body("groupementsJoining.siren", contains("244200630"))
                .body("groupementsLeaving.siren", contains("200067676"))
                .body("groupementsRenamed[0].siren", equalTo("200040947"))
                .body("groupementsRenamed[0].to", equalTo("CA Coeur de Flandre"));
        assertThat(Db.fingerprint()).as("a dry run writes nothing").isEqualTo(before);

        upload(phase, changed, "?effectiveDate=2061-07-01").statusCode(200)
                .body("changed", equalTo(true)).body("eventsEmitted", equalTo(4));
        assertThat(Db.count("select count(*) from outbox_event where aggregate_id = ? and type = ?",
                phase + "/ti-2404", "fr.gouv.ti.territory.perimeter-changed.v1")).isEqualTo(1);
        assertThat(Db.count("select count(*) from outbox_event where aggregate_id = ? and type = ?",
                phase + "/ti-7506", "fr.gouv.ti.territory.delabelled.v1")).isEqualTo(1);
        assertThat(Db.count("select count(*) from outbox_event where aggregate_id = ? and type = ?",
                phase + "/ti-3209", "fr.gouv.ti.territory.updated.v1")).isEqualTo(1);

        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-2404")
                .then().body("perimeter.siren", contains("200067668"));
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/territories/" + phase + "/ti-2404?asOf=2061-06-30")
                .then().body("perimeter.siren", contains("200067668", "200067676"))
                .body("asOf", equalTo("2061-06-30"));
        given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/territories/" + phase + "/ti-8411?asOf=2061-07-01")
                .then().body("perimeter.siren", hasItems("200035202", "200035731", "244200630"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-7506")
                .then().body("status", equalTo("DELABELLED")).body("delabelledOn", equalTo("2061-07-01"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-3209")
                .then().body("name", equalTo("Pays de Saint-Omer"));

        // the export of the new state imports as a no-op (the delabelled territory is not exported)
        assertThat(export(phase)).doesNotContain("ti-7506");
        String after = Db.fingerprint();
        upload(phase, export(phase), "?effectiveDate=2062-01-01").statusCode(200).body("changed", equalTo(false));
        assertThat(Db.fingerprint()).isEqualTo(after);
    }

    @Test
    void badRowsAreAllListedWithLineAndColumnAndNothingIsWritten() {
        String phase = "2070-2074";
        createPhase(phase);
        String bad = HEADER
                + phase + ",ti-8411,Roanne - Tarare,84,Auvergne-Rhône-Alpes,42,200035202,CC Charlieu-Belmont,CC,\r\n"
                + phase + ",ti-8411,Roanne - Tarare,84,Auvergne-Rhône-Alpes,42,200035732,CA Roannais Agglomération,CA,\r\n"
                + phase + ",ti-9999,Nowhere,99,Nowhere,42,200035731,CA Roannais Agglomération,CA,\r\n"
                + phase + ",ti-8411,Roanne - Tarare,84,Auvergne-Rhône-Alpes,20,244200630,CC du Pays Entre Loire et Rhône,SIVOM,\r\n"
                + phase + ",ti-2404,Montargois,24,Centre-Val de Loire,45,200067668,CC de la Cléry, du Betz et de l'Ouanne,CC,\r\n"
                + "2019-2022,ti-2404,Montargois,24,Centre-Val de Loire,45,200067676,CC Canaux et Forêts en Gâtinais,CC,\r\n"
                + phase + ",8411,,84,Auvergne-Rhône-Alpes,42,20003573,CA Roannais Agglomération,CA,\r\n";
        String before = Db.fingerprint();
        upload(phase, bad, "").statusCode(422).contentType("application/problem+json")
                .body("errors.line", hasItems(3, 4, 5, 6, 7, 8))
                .body("errors.findAll { it.line == 3 }.field", contains("epci_siren"))
                .body("errors.findAll { it.line == 4 }.field", contains("region_code"))
                .body("errors.findAll { it.line == 5 }.field", containsInAnyOrder("groupement_nature", "department_codes"))
                .body("errors.findAll { it.line == 6 }.field", contains("file"))
                .body("errors.findAll { it.line == 7 }.field", contains("phase"))
                .body("errors.findAll { it.line == 8 }.field", containsInAnyOrder("ti_id", "ti_name", "epci_siren"))
                .body("errors.find { it.line == 3 }.message", org.hamcrest.Matchers.containsString("Luhn"));
        // a dry run refuses the same way
        upload(phase, bad, "?dryRun=true").statusCode(422);
        assertThat(Db.fingerprint()).isEqualTo(before);
    }

    @Test
    void malformedOversizedOrForeignFilesAreRefusedWithProblemDetails() {
        String phase = "2080-2084";
        createPhase(phase);
        String before = Db.fingerprint();
        // unterminated quote
        upload(phase, HEADER + phase + ",ti-8411,\"Roanne - Tarare,84,x,42,200035202,CC,CC,\r\n", "")
                .statusCode(422).contentType("application/problem+json").body("errors[0].line", equalTo(2));
        // wrong header
        upload(phase, "ti,name\r\nti-8411,Roanne\r\n", "").statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("ti", "name", "epci_siren"));
        // empty file
        upload(phase, "", "").statusCode(422).contentType("application/problem+json");
        // neither UTF-8 nor Windows-1252 (an MS-DOS code page 850 file: ü is byte 0x81): says how to save as UTF-8
        byte[] dos = (HEADER + phase + ",ti-8411,Roanne - Tarare,84,,42,200035202,CC Charlieu-Belmont Müller,CC,\r\n")
                .getBytes(java.nio.charset.Charset.forName("IBM850"));
        upload(phase, dos, "").statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("neither UTF-8 nor Windows-1252"))
                .body("detail", org.hamcrest.Matchers.containsString("CSV UTF-8"))
                .body("errors[0].line", equalTo(2));
        // oversized: 3 MB
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        upload(phase, big, "").statusCode(413).contentType("application/problem+json")
                .body("maxBytes", equalTo(2097152));
        // bad query parameters, unknown phase, callers who may not import
        upload(phase, base(phase), "?dryRun=maybe").statusCode(400).contentType("application/problem+json");
        upload(phase, base(phase), "?effectiveDate=tomorrow").statusCode(400).contentType("application/problem+json");
        upload("2090-2094", base("2090-2094"), "").statusCode(404).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.region("84")).contentType("text/csv").body(base(phase))
                .post("/api/v1/phases/" + phase + "/territories.csv").then().statusCode(403)
                .contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.anonymous()).contentType("text/csv").body(base(phase))
                .post("/api/v1/phases/" + phase + "/territories.csv").then().statusCode(401)
                .contentType("application/problem+json");
        assertThat(Db.fingerprint()).isEqualTo(before);
    }
}
