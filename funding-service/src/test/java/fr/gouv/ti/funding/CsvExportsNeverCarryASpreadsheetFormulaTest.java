package fr.gouv.ti.funding;

import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.gouv.ti.funding.Fixture.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Finding 6 of issue 18: what a client typed never reaches a spreadsheet as a formula; amounts stay numbers. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class CsvExportsNeverCarryASpreadsheetFormulaTest {

    @Test
    void formulaLikeTextIsNeutralisedInCommitmentsAndJournalExportsWhileNegativeAmountsStayNumbers() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("ACTION_LOGEMENT", ti, "ATTIRER_AL", 90_000);
        String action = Fixture.actionKnown(ti, List.of("ATTIRER_AL"));
        post("ACTION_LOGEMENT", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"ATTIRER_AL","amountCents":12345,"effectiveDate":"2020-03-10",
                 "beneficiaryName":"=HYPERLINK(\\"http://evil.example/\\",\\"clic\\")","beneficiarySiret":"20003573100013",
                 "object":"+33 virement"}""".formatted(action)).statusCode(201);

        String scdl = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/funding/exports/commitments.csv?operator=ACTION_LOGEMENT").then().statusCode(200)
                .extract().asString();
        assertThat(scdl).contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"clic\"\")\"")
                .contains("\"'+33 virement\"").contains(",123.45,");
        assertThat(scdl.lines()).noneMatch(l -> l.startsWith("=") || l.contains(",=") || l.contains(",\"=")
                || l.contains(",+") || l.contains(",\"+"));

        String journal = given().header(Identities.HEADER, Identities.operator("ACTION_LOGEMENT"))
                .get("/api/v1/funding/journal.csv").then().statusCode(200).extract().asString();
        // double entry: the journal has negative entries, written as numbers, not neutralised text
        assertThat(journal.lines().skip(1)).anyMatch(l -> l.endsWith(",-12345"));
        assertThat(journal).doesNotContain("'-");
    }

    @Test
    void theSemicolonVariantForSpreadsheetsReadsBackCellForCellAndKeepsFormulasAsText() {
        // issue 20, part 7: ?separator=semicolon, what French Excel opens with a double click
        String ti = Fixture.newTerritory();
        Fixture.allocated("ACTION_LOGEMENT", ti, "ATTIRER_AL", 90_000);
        String action = Fixture.actionKnown(ti, List.of("ATTIRER_AL"));
        post("ACTION_LOGEMENT", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"ATTIRER_AL","amountCents":67890,"effectiveDate":"2020-03-11",
                 "beneficiaryName":"@SUM(A1:A9); Cléry","beneficiarySiret":"20003573100013",
                 "object":"=1+1"}""".formatted(action)).statusCode(201);

        String commitments = "/api/v1/funding/exports/commitments.csv?operator=ACTION_LOGEMENT";
        byte[] semicolon = given().header(Identities.HEADER, Identities.anonymous()).get(commitments + "&separator=semicolon")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asByteArray();
        assertThat(semicolon).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(semicolon, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains(";\"'@SUM(A1:A9); Cléry\";").contains(";\"'=1+1\";").contains(";678,90;");
        assertThat(text.lines()).noneMatch(l -> l.startsWith("=") || l.contains(";=") || l.contains(";\"=")
                || l.contains(";@") || l.contains(";\"@"));

        CsvReader.Table semi = CsvReader.parse(text);
        CsvReader.Table comma = CsvReader.parse(given().header(Identities.HEADER, Identities.anonymous()).get(commitments)
                .then().statusCode(200).extract().asString());
        assertThat(semi.separator()).isEqualTo(CsvSeparator.SEMICOLON);
        assertThat(semi.columns()).isEqualTo(comma.columns()).contains("montant");
        List<Integer> numbers = List.of(semi.columns().indexOf("montant"), semi.columns().indexOf("pourcentageSubvention"));
        assertThat(semi.rows().stream().map(r -> {
            List<String> f = new java.util.ArrayList<>(r.fields());
            numbers.forEach(k -> f.set(k, f.get(k).replace(',', '.'))); // decimal comma for the spreadsheet, dot for programs
            return f;
        }).toList()).isEqualTo(comma.rows().stream().map(CsvReader.Row::fields).toList()).isNotEmpty();

        String journal = "/api/v1/funding/journal.csv";
        String semiJournal = given().header(Identities.HEADER, Identities.operator("ACTION_LOGEMENT"))
                .get(journal + "?separator=semicolon").then().statusCode(200).extract().asString();
        CsvReader.Table j = CsvReader.parse(semiJournal);
        assertThat(j.separator()).isEqualTo(CsvSeparator.SEMICOLON);
        assertThat(j.rows().stream().map(CsvReader.Row::fields).toList()).isEqualTo(CsvReader.parse(given()
                .header(Identities.HEADER, Identities.operator("ACTION_LOGEMENT")).get(journal).then().statusCode(200)
                .extract().asString()).rows().stream().map(CsvReader.Row::fields).toList());
        assertThat(semiJournal.lines().skip(1)).anyMatch(l -> l.endsWith(";-67890"));
    }

    @Test
    void anUnknownSeparatorIsA400ProblemNamingTheAllowedValuesAndNoFile() {
        for (String bad : List.of("tab", "Semicolon", "|")) {
            given().header(Identities.HEADER, Identities.anonymous()).queryParam("separator", bad)
                    .get("/api/v1/funding/exports/commitments.csv").then().statusCode(400)
                    .contentType("application/problem+json")
                    .header("Content-Disposition", org.hamcrest.Matchers.nullValue())
                    .body("detail", org.hamcrest.Matchers.containsString("comma or semicolon"))
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("separator"));
            given().header(Identities.HEADER, Identities.operator("ACTION_LOGEMENT")).queryParam("separator", bad)
                    .get("/api/v1/funding/journal.csv").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("separator"));
        }
    }
}
