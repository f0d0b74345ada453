package fr.gouv.ti.funding;

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
}
