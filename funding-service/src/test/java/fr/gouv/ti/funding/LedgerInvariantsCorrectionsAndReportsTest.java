package fr.gouv.ti.funding;

import fr.gouv.ti.funding.service.Exports;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static fr.gouv.ti.funding.Fixture.footprint;
import static fr.gouv.ti.funding.Fixture.post;
import static fr.gouv.ti.funding.Fixture.scalar;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class LedgerInvariantsCorrectionsAndReportsTest {

    @Test
    void theProgrammeNeverExceedsOnePointThirtySixBillionEuros() {
        Fixture.programmeFunded();
        long others = scalar("select coalesce(sum(inflow_cents), 0) from account where kind = 'SOURCE' and code <> 'source:PIC'");
        List<Long> before = footprint();
        post(Fixture.ADMIN, "/api/v1/funding/programme/sources/PIC",
                "{\"amountCents\":136000000000,\"effectiveDate\":\"2019-01-15\"}")
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:ti:problem:programme-ceiling-exceeded"))
                .body("limit", equalTo("PROGRAMME_CEILING"))
                .body("limitCents", equalTo(136000000000L))
                .body("excessCents", equalTo(others));
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void aSourceLineIsNeverSetBelowWhatOperatorLinesReceivedNorALineReversedBelowItsAllocations() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("APEC", ti, "RECRUTER_APEC", 70_000);
        long given = scalar("select outflow_cents from account where code = 'source:PIA'");
        List<Long> before = footprint();
        long sourceExcess = post(Fixture.ADMIN, "/api/v1/funding/programme/sources/PIA", "{\"amountCents\":1,\"effectiveDate\":\"2019-01-15\"}")
                .statusCode(409).body("limit", equalTo("SOURCE_LINE"))
                .extract().jsonPath().getLong("excessCents");
        assertThat(sourceExcess).isEqualTo(given - 1);
        String funding = given().header(Identities.HEADER, Identities.nationalAdmin())
                .get("/api/v1/funding/journal?kind=LINE_FUNDED&operator=APEC&limit=500").then().statusCode(200)
                .extract().jsonPath().getString("items[-1].transactionId");
        long line = scalar("select id from account where code = 'line:APEC'");
        long available = scalar("select inflow_cents - outflow_cents from account where id = " + line);
        post(Fixture.ADMIN, "/api/v1/funding/transactions/" + funding + "/reversal",
                "{\"reason\":\"erreur\",\"effectiveDate\":\"2019-03-01\"}")
                .statusCode(409).body("limit", equalTo("OPERATOR_LINE"))
                .body("excessCents", equalTo((int) (70_000 - available)));
        post("APEC", "/api/v1/funding/transactions/" + funding + "/reversal",
                "{\"reason\":\"erreur\",\"effectiveDate\":\"2019-03-01\"}").statusCode(404);
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void aCommitmentAboveWhatIsAvailableIsRefusedWithTheLimitAndTheExcess() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("ADEME", ti, "TRANSITION_ADEME", 50_000);
        String action = Fixture.actionKnown(ti, List.of("TRANSITION_ADEME"));
        Fixture.committed("ADEME", action, "TRANSITION_ADEME", 30_000);
        List<Long> before = footprint();
        post("ADEME", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"TRANSITION_ADEME","amountCents":25000,"effectiveDate":"2020-03-10"}"""
                .formatted(action)).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:ti:problem:allocation-exceeded"))
                .body("limit", equalTo("ALLOCATION"))
                .body("accountId", equalTo((int) allocation))
                .body("limitCents", equalTo(50_000))
                .body("availableCents", equalTo(20_000))
                .body("excessCents", equalTo(5_000))
                .body("detail", containsString("by 50.00 EUR"));
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void entriesAndTransactionsAreImmutableAndMustBalance() throws SQLException {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 1_000);
        try (Connection c = Fixture.db(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update ledger_entry set amount_cents = amount_cents * 2"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("delete from ledger_entry"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("update ledger_transaction set amount_cents = 1"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("truncate ledger_entry cascade")).isInstanceOf(SQLException.class);
            // a lone entry, or entries that do not sum to zero, are refused by the statement that inserts them
            c.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            s.executeUpdate("insert into ledger_transaction (id, kind, effective_date, amount_cents, actor) values ('"
                    + id + "', 'ALLOCATED', date '2020-01-01', 5, 'test')");
            assertThatThrownBy(() -> s.executeUpdate("insert into ledger_entry (tx_id, account_id, side, amount_cents, "
                    + "effective_date) values ('" + id + "', 3, 'U', 5, date '2020-01-01')"))
                    .hasMessageContaining("unbalanced");
            c.rollback();
            UUID other = UUID.randomUUID();
            s.executeUpdate("insert into ledger_transaction (id, kind, effective_date, amount_cents, actor) values ('"
                    + other + "', 'ALLOCATED', date '2020-01-01', 5, 'test')");
            assertThatThrownBy(() -> s.executeUpdate("insert into ledger_entry (tx_id, account_id, side, amount_cents, "
                    + "effective_date) values ('" + other + "', 3, 'U', 5, date '2020-01-01'), ('" + other
                    + "', 2, 'D', -4, date '2020-01-01')")).hasMessageContaining("unbalanced");
            c.rollback();
            // and a balance can never go below what was passed on, even bypassing the service
            c.setAutoCommit(true);
            assertThatThrownBy(() -> s.executeUpdate(
                    "update account set outflow_cents = inflow_cents + 1 where kind = 'ALLOCATION'"))
                    .hasMessageContaining("account_outflow_within_inflow");
            assertThatThrownBy(() -> s.executeUpdate(
                    "update account set inflow_cents = 136000000001 where kind = 'PROGRAMME'"))
                    .hasMessageContaining("programme_within_ceiling");
        }
        CommitmentsAndDisbursementsNeverExceedTheirLimitUnderConcurrencyTest.assertLedgerBalanced();
    }

    @Test
    void cancellingTheRestAndReversingGiveTheMoneyBackWithAReason() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 50_000);
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        long commitment = Fixture.committed("BPIFRANCE", action, "INNOVER_PIA", 20_000);
        String payment = post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                "{\"amountCents\":8000,\"effectiveDate\":\"2020-09-01\"}").statusCode(201)
                .extract().jsonPath().getString("transactionId");

        // reversing the commitment would leave 80 EUR paid on nothing committed
        String commitTx = given().header(Identities.HEADER, Identities.nationalAdmin())
                .get("/api/v1/funding/journal?kind=COMMITTED&actionId=" + action).then().statusCode(200)
                .extract().jsonPath().getString("items[0].transactionId");
        post("BPIFRANCE", "/api/v1/funding/transactions/" + commitTx + "/reversal",
                "{\"reason\":\"saisie erronée\",\"effectiveDate\":\"2020-10-01\"}").statusCode(409)
                .body("limit", equalTo("COMMITMENT")).body("excessCents", equalTo(8000));

        // cancel the rest: 120 EUR go back to the allocation
        post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/cancellation",
                "{\"reason\":\"Projet réduit\",\"effectiveDate\":\"2021-01-15\"}").statusCode(201)
                .body("amountCents", equalTo(12_000)).body("reason", equalTo("Projet réduit"))
                .body("territoryTotals.committedCents", equalTo(8000))
                .body("actionTotals.committedCents", equalTo(8000));
        assertThat(scalar("select outflow_cents from account where id = " + allocation)).isEqualTo(8000);
        post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/cancellation",
                "{\"reason\":\"encore\",\"effectiveDate\":\"2021-01-15\"}").statusCode(409)
                .body("type", equalTo("urn:ti:problem:nothing-to-cancel"));

        // reverse the payment, once
        post("BPIFRANCE", "/api/v1/funding/transactions/" + payment + "/reversal",
                "{\"reason\":\"Paiement annulé par la DGFiP\",\"effectiveDate\":\"2021-02-01\"}").statusCode(201)
                .body("kind", equalTo("REVERSAL")).body("reversesTransactionId", equalTo(payment))
                .body("reversedKind", equalTo("DISBURSED"))
                .body("actionTotals.disbursedCents", equalTo(0));
        String reversal = given().header(Identities.HEADER, Identities.nationalAdmin())
                .get("/api/v1/funding/journal?kind=REVERSAL&actionId=" + action).then().statusCode(200)
                .extract().jsonPath().getString("items[0].transactionId");
        post("BPIFRANCE", "/api/v1/funding/transactions/" + payment + "/reversal",
                "{\"reason\":\"encore\",\"effectiveDate\":\"2021-02-01\"}").statusCode(409)
                .body("type", equalTo("urn:ti:problem:already-reversed"));
        post("BPIFRANCE", "/api/v1/funding/transactions/" + reversal + "/reversal",
                "{\"reason\":\"encore\",\"effectiveDate\":\"2021-02-01\"}").statusCode(409);
        post("BPIFRANCE", "/api/v1/funding/transactions/" + payment + "/reversal",
                "{\"effectiveDate\":\"2021-02-01\"}").statusCode(400);
        assertThat(scalar("select outflow_cents from account where id = " + commitment)).isZero();
        CommitmentsAndDisbursementsNeverExceedTheirLimitUnderConcurrencyTest.assertLedgerBalanced();
    }

    @Test
    void balancesAsOfAnEffectiveDateAggregatesJournalAndExports() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BUSINESS_FRANCE", ti, "ATTIRER_BF", 40_000);
        String action = Fixture.actionKnown(ti, List.of("ATTIRER_BF"));
        long commitment = Fixture.committed("BUSINESS_FRANCE", action, "ATTIRER_BF", 30_000); // 2020-03-10
        post("BUSINESS_FRANCE", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                "{\"amountCents\":10000,\"effectiveDate\":\"2021-06-30\"}").statusCode(201);
        post("BUSINESS_FRANCE", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                "{\"amountCents\":5000,\"effectiveDate\":\"2022-06-30\"}").statusCode(201);

        String admin = Identities.nationalAdmin();
        given().header(Identities.HEADER, admin).get("/api/v1/funding/accounts/" + allocation).then().statusCode(200)
                .body("balance.allocatedCents", equalTo(40_000)).body("balance.committedCents", equalTo(30_000))
                .body("balance.disbursedCents", equalTo(15_000)).body("balance.availableCents", equalTo(10_000));
        given().header(Identities.HEADER, admin).get("/api/v1/funding/accounts/" + allocation + "?asOf=2021-12-31").then()
                .statusCode(200).body("balance.asOf", equalTo("2021-12-31"))
                .body("balance.committedCents", equalTo(30_000)).body("balance.disbursedCents", equalTo(10_000));
        given().header(Identities.HEADER, admin).get("/api/v1/funding/accounts/" + allocation + "?asOf=2019-05-31").then()
                .statusCode(200).body("balance.allocatedCents", equalTo(0)).body("balance.inflowCents", equalTo(0));
        given().header(Identities.HEADER, admin).get("/api/v1/funding/accounts/" + commitment).then().statusCode(200)
                .body("balance.committedCents", equalTo(30_000)).body("balance.disbursedCents", equalTo(15_000))
                .body("balance.availableCents", equalTo(15_000));
        given().header(Identities.HEADER, admin).get("/api/v1/funding/accounts/" + allocation + "?asOf=yesterday").then()
                .statusCode(400);

        // aggregates are open data
        JsonPath territory = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/funding/aggregates?groupBy=territory&phase=2019-2022").then().statusCode(200).extract().jsonPath();
        String key = "2019-2022/" + ti;
        assertThat(territory.getLong("find { it.key == '" + key + "' }.allocatedCents")).isEqualTo(40_000);
        assertThat(territory.getLong("find { it.key == '" + key + "' }.disbursedCents")).isEqualTo(15_000);
        assertThat(territory.getString("find { it.key == '" + key + "' }.commitmentRate")).isEqualTo("0.75");
        assertThat(territory.getString("find { it.key == '" + key + "' }.disbursementRate")).isEqualTo("0.5");
        JsonPath years = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/funding/aggregates?groupBy=year&operator=BUSINESS_FRANCE&measureCode=ATTIRER_BF").then()
                .statusCode(200).extract().jsonPath();
        assertThat(years.getLong("find { it.key == '2022' }.disbursedCents")).isGreaterThanOrEqualTo(5_000);
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/funding/aggregates?groupBy=beneficiary").then()
                .statusCode(400).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.region("84")).get("/api/v1/funding/aggregates?groupBy=region").then()
                .statusCode(200);

        // journal: effective-date range and cursor pagination
        JsonPath page1 = given().header(Identities.HEADER, admin)
                .get("/api/v1/funding/journal?tiId=" + ti + "&from=2019-01-01&to=2022-12-31&limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page1.getList("items")).hasSize(2);
        String cursor = page1.getString("nextCursor");
        assertThat(cursor).isNotBlank();
        JsonPath page2 = given().header(Identities.HEADER, admin)
                .get("/api/v1/funding/journal?tiId=" + ti + "&from=2019-01-01&to=2022-12-31&limit=2&cursor=" + cursor).then()
                .statusCode(200).extract().jsonPath();
        assertThat(page2.getList("items.transactionId")).hasSize(2).doesNotContainAnyElementsOf(page1.getList("items.transactionId"));
        assertThat(page2.getList("items.kind", String.class)).containsExactly("DISBURSED", "DISBURSED");
        given().header(Identities.HEADER, admin).get("/api/v1/funding/journal?tiId=" + ti + "&from=2022-01-01").then()
                .statusCode(200).body("items.size()", equalTo(1));
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/funding/journal").then().statusCode(401);

        // CSV: SCDL Subventions for commitments, one row per entry for the journal
        String scdl = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/funding/exports/commitments.csv?operator=BUSINESS_FRANCE").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(scdl.lines().findFirst()).contains(String.join(",", Exports.SCDL_COLUMNS));
        assertThat(fr.gouv.ti.commons.core.csv.CsvReader.parse(scdl).maps()).anySatisfy(row -> assertThat(row)
                .containsEntry("nomAttribuant", "Business France").containsEntry("dateConvention", "2020-03-10")
                .containsEntry("montant", "300.00").containsEntry("nature", "aide en numéraire")
                .containsEntry("conditionsVersement", "échelonné")
                .containsEntry("datesPeriodeVersement", "2021-06-30/2022-06-30")
                .containsEntry("nomBeneficiaire", "Communauté de communes de test")
                .containsEntry("idBeneficiaire", "20003573100013"));
        String journal = given().header(Identities.HEADER, Identities.operator("BUSINESS_FRANCE"))
                .get("/api/v1/funding/journal.csv?from=2021-01-01").then().statusCode(200).extract().asString();
        assertThat(journal.lines().skip(1)).isNotEmpty().allMatch(l -> l.contains(",BUSINESS_FRANCE,"));
    }
}
