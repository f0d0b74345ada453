package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static fr.gouv.ti.funding.Fixture.footprint;
import static fr.gouv.ti.funding.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class BadInputIsRefusedAndNothingIsWrittenTest {

    String action;
    long commitment;

    @BeforeEach
    void fixture() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 100_000);
        action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        commitment = Fixture.committed("BPIFRANCE", action, "INNOVER_PIA", 10_000);
    }

    String commit(String amount, String date) {
        return """
                {"actionId":"%s","measureCode":"INNOVER_PIA","amountCents":%s,"effectiveDate":"%s"}"""
                .formatted(action, amount, date);
    }

    @Test
    void amountsMustBePositiveIntegerCents() {
        List<Long> before = footprint();
        for (String amount : List.of("0", "-100", "null", "136000000001")) {
            post("BPIFRANCE", "/api/v1/funding/commitments", commit(amount, "2020-03-10")).statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("amountCents"));
        }
        for (String amount : List.of("10.5", "\"100\"", "1e3")) {
            post("BPIFRANCE", "/api/v1/funding/commitments", commit(amount, "2020-03-10")).statusCode(400)
                    .contentType("application/problem+json");
        }
        for (String amount : List.of("0", "-1", "0.01")) {
            post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                    "{\"amountCents\":" + amount + ",\"effectiveDate\":\"2020-06-01\"}").statusCode(400)
                    .contentType("application/problem+json");
        }
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void effectiveDatesMustFallInTheProgrammeAndNotInTheFuture() {
        List<Long> before = footprint();
        post("BPIFRANCE", "/api/v1/funding/commitments", commit("100", "2018-11-21")).statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("effectiveDate"))
                .body("detail", containsString("2018-11-22"));
        post("BPIFRANCE", "/api/v1/funding/commitments", commit("100", "2028-01-01")).statusCode(422)
                .body("errors.field", hasItem("effectiveDate"));
        LocalDate tomorrow = LocalDate.now().plusDays(2);
        if (!tomorrow.isAfter(LocalDate.of(2027, 12, 31))) {
            post("BPIFRANCE", "/api/v1/funding/commitments", commit("100", tomorrow.toString())).statusCode(422)
                    .body("detail", containsString("future"));
        }
        post("BPIFRANCE", "/api/v1/funding/commitments", commit("100", "2020-13-01")).statusCode(400);
        post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/disbursements",
                "{\"amountCents\":100,\"effectiveDate\":\"2017-01-01\"}").statusCode(422);
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void unknownAccountsAndFichesActionsAreClientErrors() {
        List<Long> before = footprint();
        post("BPIFRANCE", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"INNOVER_PIA","amountCents":100,"effectiveDate":"2020-03-10"}"""
                .formatted(UUID.randomUUID())).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Unknown fiche-action"));
        post("BPIFRANCE", "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"RECRUTER_PIC","amountCents":100,"effectiveDate":"2020-03-10"}"""
                .formatted(action)).statusCode(422).body("errors.field", hasItem("measureCode"));
        post("BPIFRANCE", "/api/v1/funding/commitments/999999999/disbursements",
                "{\"amountCents\":100,\"effectiveDate\":\"2020-06-01\"}").statusCode(404)
                .contentType("application/problem+json");
        post("BPIFRANCE", "/api/v1/funding/transactions/" + UUID.randomUUID() + "/reversal",
                "{\"reason\":\"typo\",\"effectiveDate\":\"2020-06-01\"}").statusCode(404);
        post(Fixture.ADMIN, "/api/v1/funding/allocations", """
                {"operator":"CNAM","phase":"2019-2022","tiId":"ti-0001","regionCode":"84","measureCode":"X_TEST",
                 "amountCents":100,"effectiveDate":"2019-06-01"}""").statusCode(422)
                .body("type", equalTo("urn:ti:problem:unknown-account"));
        post(Fixture.ADMIN, "/api/v1/funding/programme/sources/FEDER", "{\"amountCents\":100,\"effectiveDate\":\"2019-06-01\"}")
                .statusCode(404);
        post(Fixture.ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"ACME","sourceCode":"PIC","amountCents":100,"effectiveDate":"2019-06-01"}""")
                .statusCode(400).body("errors.field", hasItem("operator"));
        post("BPIFRANCE", "/api/v1/funding/commitments", commit("100", "2020-03-10").replace("}", ",\"amuont\":1}"))
                .statusCode(400);
        post("BPIFRANCE", "/api/v1/funding/commitments/" + commitment + "/cancellation",
                "{\"reason\":\"  \",\"effectiveDate\":\"2020-06-01\"}").statusCode(400)
                .body("errors.field", hasItem("reason"));
        assertThat(footprint()).isEqualTo(before);
    }
}
