package fr.gouv.ti.territory;

import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static fr.gouv.ti.territory.PhaseImportIsAllOrNothingTest.createPhase;
import static fr.gouv.ti.territory.PhaseImportIsAllOrNothingTest.export;
import static fr.gouv.ti.territory.PhaseImportIsAllOrNothingTest.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 20, part 7: a phase file as the national team's spreadsheet software saves it is imported as it is: French
 * Excel's "CSV UTF-8" (semicolons, CRLF, a byte order mark) and its "CSV (séparateur : point-virgule)" (semicolons,
 * Windows-1252) give the same territories as the suite's own comma file; and the export offers the semicolon variant
 * for spreadsheets, which reads back cell for cell and keeps formula-like names as text. The rows are real rows of
 * the ANCT list of 2019-2022 (the seed file), moved to test-only phases.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class APhaseFileSavedByFrenchExcelIsImportedTest {

    /** Territories of the seed with accented names, quoted commas and two-department groupements (03;71, 45;89). */
    static final List<String> TERRITORIES = List.of("ti-4405", "ti-7506", "ti-3204", "ti-2708", "ti-2404");

    /** The header and the seed rows of these territories, in this order, moved to {@code phase}. */
    static List<List<String>> seedRows(String phase, List<String> territories) {
        CsvReader.Table seed = CsvReader.parse(resource("seed/territoires_industrie_2019_2022_epci.csv"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(seed.columns());
        for (String ti : territories) {
            seed.rows().stream().filter(r -> r.fields().get(1).equals(ti)).forEach(r -> {
                List<String> f = new ArrayList<>(r.fields());
                f.set(0, phase);
                rows.add(f);
            });
        }
        return rows;
    }

    /** What Excel writes when it saves as CSV in a French locale: semicolons, CRLF, a cell quoted when it must be. */
    static String excelSemicolons(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            out.append(row.stream().map(c -> c.contains(";") || c.contains("\"") || c.contains("\n")
                    ? "\"" + c.replace("\"", "\"\"") + "\"" : c).collect(Collectors.joining(";"))).append("\r\n");
        }
        return out.toString();
    }

    /** The suite's own form of the same rows: commas, RFC 4180 quoting. */
    static String commas(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            out.append(row.stream().map(c -> c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c)
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    static String resource(String path) {
        try (InputStream in = APhaseFileSavedByFrenchExcelIsImportedTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] withUtf8Bom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Uploaded as a browser or curl sends a file: text/csv, no charset said. */
    static ValidatableResponse uploadAsIs(String phase, byte[] file) {
        return given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("text/csv").body(file)
                .post("/api/v1/phases/" + phase + "/territories.csv").then();
    }

    static void territoriesReadBackWithTheirAccentsAndDepartments(String phase) {
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-4405")
                .then().statusCode(200).body("name", equalTo("Epernay - Bassin sézannais - Portes de Romilly"))
                .body("perimeter.name", hasItems("CC de Sézanne-Sud Ouest Marnais", "CA Epernay, Coteaux et Plaine de Champagne"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-2708")
                .then().statusCode(200).body("name", equalTo("Ouest Saône-et-Loire"))
                .body("departmentCodes", contains("03", "71"))
                .body("regionCode", equalTo("27"));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-2404")
                .then().statusCode(200).body("name", equalTo("Montargois-en-Gâtinais - Giennois"))
                .body("perimeter.name", hasItem("CC de la Cléry, du Betz et de l'Ouanne"))
                .body("departmentCodes", contains("45", "89"));
    }

    @Test
    void aSemicolonCrlfFileWithAByteOrderMarkImportsTheSameTerritoriesAsTheCommaFile() {
        String phase = "2110-2114";
        createPhase(phase);
        List<List<String>> rows = seedRows(phase, TERRITORIES);
        String excel = excelSemicolons(rows);
        // the old reader refused such a file at its first quoted cell ("a double quote inside an unquoted field"):
        // here line 20, "03;71"
        assertThat(excel.lines().skip(19).findFirst().orElseThrow()).contains(";\"03;71\";");

        uploadAsIs(phase, withUtf8Bom(excel)).statusCode(200)
                .body("changed", equalTo(true))
                .body("territoriesAdded.tiId", contains(TERRITORIES.toArray()))
                .body("rowsInFile", equalTo(rows.size() - 1));
        territoriesReadBackWithTheirAccentsAndDepartments(phase);

        // the suite's own comma file of the same rows is the same phase: nothing to change
        String before = Db.fingerprint();
        upload(phase, commas(rows), "").statusCode(200).body("changed", equalTo(false));
        assertThat(Db.fingerprint()).isEqualTo(before);
    }

    @Test
    void aWindows1252FileWithAccentedNamesIsDecodedAndImported() {
        String phase = "2115-2119";
        createPhase(phase);
        List<List<String>> rows = seedRows(phase, TERRITORIES);
        // Excel's "CSV (séparateur : point-virgule)": Windows-1252, no byte order mark
        byte[] cp1252 = excelSemicolons(rows).getBytes(CsvReader.WINDOWS_1252);
        assertThat(new String(cp1252, StandardCharsets.ISO_8859_1)).contains("Bassin s\u00e9zannais"); // é is one byte

        uploadAsIs(phase, cp1252).statusCode(200).body("changed", equalTo(true))
                .body("territoriesAdded.tiId", contains(TERRITORIES.toArray()));
        territoriesReadBackWithTheirAccentsAndDepartments(phase);

        // every name was decoded as the UTF-8 file spells it
        String before = Db.fingerprint();
        upload(phase, commas(rows), "").statusCode(200).body("changed", equalTo(false));
        assertThat(Db.fingerprint()).isEqualTo(before);
    }

    @Test
    void theSemicolonExportOpensInASpreadsheetReadsBackCellForCellAndKeepsFormulasAsText() {
        String phase = "2120-2124";
        createPhase(phase);
        List<List<String>> rows = seedRows(phase, List.of("ti-2404", "ti-8411"));
        // a name typed as a formula (issue 18, finding 6) must reach the spreadsheet as text
        rows.stream().skip(1).filter(r -> r.get(1).equals("ti-8411")).forEach(r -> r.set(2, "=HYPERLINK(\"http://evil.example\")"));
        upload(phase, commas(rows), "").statusCode(200);

        byte[] semicolon = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/phases/" + phase + "/territories.csv?separator=semicolon").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Type", containsString("charset=UTF-8"))
                .extract().asByteArray();
        assertThat(semicolon).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(semicolon, StandardCharsets.UTF_8);
        assertThat(text).contains(";\"'=HYPERLINK(\"\"http://evil.example\"\")\";").contains(";\"45;89\";");
        assertThat(text.lines()).noneMatch(l -> l.startsWith("=") || l.contains(";=") || l.contains(";\"="));

        CsvReader.Table semi = CsvReader.parse(text);
        CsvReader.Table comma = CsvReader.parse(export(phase));
        assertThat(semi.separator()).isEqualTo(CsvSeparator.SEMICOLON);
        assertThat(comma.separator()).isEqualTo(CsvSeparator.COMMA);
        assertThat(semi.columns()).isEqualTo(comma.columns());
        assertThat(semi.rows().stream().map(CsvReader.Row::fields).toList())
                .isEqualTo(comma.rows().stream().map(CsvReader.Row::fields).toList())
                .hasSize(rows.size() - 1);

        // and importing it, byte order mark and all, changes nothing
        String before = Db.fingerprint();
        uploadAsIs(phase, semicolon).statusCode(200).body("changed", equalTo(false));
        assertThat(Db.fingerprint()).isEqualTo(before);
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/territories/" + phase + "/ti-8411")
                .then().statusCode(200).body("name", equalTo("=HYPERLINK(\"http://evil.example\")"));
    }

    @Test
    void anUnknownSeparatorIsA400NamingTheAllowedValuesAndNoFile() {
        for (String bad : List.of("tab", "SEMICOLON", ";")) {
            given().header(Identities.HEADER, Identities.anonymous()).queryParam("separator", bad)
                    .get("/api/v1/phases/2019-2022/territories.csv").then().statusCode(400)
                    .contentType("application/problem+json")
                    .header("Content-Disposition", org.hamcrest.Matchers.nullValue())
                    .body("detail", containsString("comma or semicolon"))
                    .body("errors[0].field", equalTo("separator"));
        }
        // absent is the comma file
        assertThat(given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/phases/2019-2022/territories.csv?separator=comma").then().statusCode(200)
                .extract().asString()).isEqualTo(export("2019-2022"));
    }

    @Test
    void aFileWithAnotherSeparatorOrEncodingIsRefusedSayingWhatWasFoundAndWhatToDo() {
        String phase = "2125-2129";
        createPhase(phase);
        List<List<String>> rows = seedRows(phase, List.of("ti-2404"));
        String before = Db.fingerprint();
        // Excel's "Texte (séparateur : tabulation)"
        String tabs = rows.stream().map(r -> String.join("\t", r)).collect(Collectors.joining("\r\n"));
        uploadAsIs(phase, tabs.getBytes(StandardCharsets.UTF_8)).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("neither a comma nor a semicolon"))
                .body("detail", containsString("a tab (9 times)"))
                .body("errors[0].field", equalTo("file")).body("errors[0].line", equalTo(1));
        // Excel's "Texte Unicode": UTF-16
        byte[] utf16 = ("\uFEFF" + excelSemicolons(rows)).getBytes(StandardCharsets.UTF_16LE);
        uploadAsIs(phase, utf16).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("UTF-16"))
                .body("detail", containsString("CSV UTF-8 (délimité par des virgules)"));
        // a row cut in the middle of a quoted name: the line it starts on, after a byte order mark and CRLFs
        String cut = excelSemicolons(rows).replace(";\"45;89\";", ";\"45;89;");
        uploadAsIs(phase, withUtf8Bom(cut)).statusCode(422).contentType("application/problem+json")
                .body("errors[0].line", equalTo(2)).body("errors[0].message", containsString("never closed"));
        assertThat(Db.fingerprint()).isEqualTo(before);
    }
}
