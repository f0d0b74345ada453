package fr.gouv.ti.funding;

import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static fr.gouv.ti.funding.Fixture.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 20: commitments.csv left idAttribuant empty, wrote "aide en numéraire" for every instrument and was never
 * checked against the official SCDL Subventions schema (v2.1.1, copied in the test resources with its source). Every
 * column of the rows written here is now checked for type, pattern, enum and required-ness.
 */
@QuarkusTest
@TestProfile(TheSubsidiesFileValidatesAgainstTheScdlSchemaTest.OperatorSirets.class)
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class TheSubsidiesFileValidatesAgainstTheScdlSchemaTest {

    /** The deployer sets each operator's SIRET from the Sirene register; this one is fictional (Luhn-valid). */
    public static class OperatorSirets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ti.funding.open-data.operator-siret.ADEME", "99999999900009");
        }
    }

    private static final String MEASURE = "TRANSITION_ADEME";
    private static final TableSchema SCHEMA = TableSchema.load("/scdl/scdl_subventions_2.1.1.schema.json");

    private static long commit(String action, String instrument, long cents, String reference) {
        return post("ADEME", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"%s","amountCents":%d,"effectiveDate":"2020-03-10",
                 "decisionReference":"%s","beneficiaryName":"Communauté de communes de test",
                 "beneficiarySiret":"20003573100013","instrument":"%s"}"""
                .formatted(action, MEASURE, cents, reference, instrument))
                .statusCode(201).extract().jsonPath().getLong("accounts.find { it.kind == 'COMMITMENT' }.id");
    }

    private static void pay(long commitment, long cents, String date) {
        post("ADEME", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                "{\"amountCents\":%d,\"effectiveDate\":\"%s\"}".formatted(cents, date)).statusCode(201);
    }

    @Test
    void eachSubsidyIsARowThatMeetsTheSchemaAndLoansAreNotSubsidies() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("ADEME", ti, MEASURE, 1_000_000);
        List<String> actions = List.of(Fixture.actionKnown(ti, List.of(MEASURE)), Fixture.actionKnown(ti, List.of(MEASURE)),
                Fixture.actionKnown(ti, List.of(MEASURE)), Fixture.actionKnown(ti, List.of(MEASURE)));
        String tag = "SCDL-" + ti;
        long staged = commit(actions.get(0), "GRANT", 100_000, tag + "-grant-staged");
        pay(staged, 40_000, "2020-06-01");
        pay(staged, 60_000, "2021-02-01");
        long engineering = commit(actions.get(1), "ENGINEERING_CREDIT", 50_000, tag + "-engineering");
        pay(engineering, 50_000, "2020-09-15");
        commit(actions.get(2), "GRANT", 30_000, tag + "-grant-unpaid");
        commit(actions.get(3), "LOAN", 20_000, tag + "-loan");
        // one commitment, one instrument
        post("ADEME", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"%s","amountCents":100,"effectiveDate":"2020-04-10","instrument":"LOAN"}"""
                .formatted(actions.get(0), MEASURE)).statusCode(409).body("type", equalTo("urn:ti:problem:instrument-mismatch"));

        String csv = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/funding/exports/commitments.csv?operator=ADEME").then().statusCode(200).extract().asString();
        CsvReader.Table table = CsvReader.parse(csv);
        assertThat(table.columns()).as("the schema's fields, in its order").isEqualTo(SCHEMA.names());
        Map<String, Map<String, String>> mine = table.maps().stream()
                .filter(r -> r.get("referenceDecision").startsWith(tag))
                .collect(Collectors.toMap(r -> r.get("referenceDecision").substring(tag.length() + 1), r -> r));
        assertThat(mine).containsOnlyKeys("grant-staged", "engineering", "grant-unpaid");
        mine.forEach((which, row) -> assertThat(SCHEMA.violations(row)).as(which + ": " + row).isEmpty());

        assertThat(mine.get("grant-staged")).containsEntry("nature", "aide en numéraire")
                .containsEntry("idAttribuant", "99999999900009").containsEntry("dispositif", MEASURE)
                .containsEntry("montant", "1000.00").containsEntry("conditionsVersement", "échelonné")
                .containsEntry("datesPeriodeVersement", "2020-06-01/2021-02-01").containsEntry("dateConvention", "2020-03-10");
        assertThat(mine.get("engineering")).containsEntry("nature", "aide en nature")
                .containsEntry("conditionsVersement", "unique").containsEntry("datesPeriodeVersement", "2020-09-15");
        assertThat(mine.get("grant-unpaid")).containsEntry("conditionsVersement", "autre")
                .containsEntry("datesPeriodeVersement", "2020-03-10/2022-12-31");
    }
}
