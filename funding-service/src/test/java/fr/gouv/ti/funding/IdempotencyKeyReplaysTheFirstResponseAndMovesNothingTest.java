package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static fr.gouv.ti.funding.Fixture.footprint;
import static fr.gouv.ti.funding.Fixture.post;
import static fr.gouv.ti.funding.Fixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class IdempotencyKeyReplaysTheFirstResponseAndMovesNothingTest {

    @Test
    void aReplayReturnsTheFirstResponseAndAnotherBodyUnderTheSameKeyIsRefused() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 100_000);
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        String key = UUID.randomUUID().toString();
        String body = """
                {"actionId":"%s","measureCode":"INNOVER_PIA","amountCents":1000,"effectiveDate":"2020-03-10"}"""
                .formatted(action);

        String first = post("BPIFRANCE", "/api/v1/funding/commitments", body, key).statusCode(201)
                .extract().jsonPath().getString("transactionId");
        List<Long> after = footprint();

        post("BPIFRANCE", "/api/v1/funding/commitments", body, key).statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("transactionId", equalTo(first));
        assertThat(footprint()).isEqualTo(after);
        assertThat(scalar("select outflow_cents from account where id = " + allocation)).isEqualTo(1000);

        post("BPIFRANCE", "/api/v1/funding/commitments", body.replace("1000", "2000"), key).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ti:problem:idempotency-key-reused"));
        assertThat(footprint()).isEqualTo(after);

        post("BPIFRANCE", "/api/v1/funding/commitments", body, null).statusCode(400)
                .contentType("application/problem+json");
        assertThat(footprint()).isEqualTo(after);
    }

    @Test
    void keysAreScopedToTheClient() {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 100_000);
        Fixture.allocated("ADEME", ti, "INNOVER_PIA", 100_000);
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        String key = UUID.randomUUID().toString();
        String body = """
                {"actionId":"%s","measureCode":"INNOVER_PIA","amountCents":1000,"effectiveDate":"2020-03-10"}"""
                .formatted(action);
        String a = post("BPIFRANCE", "/api/v1/funding/commitments", body, key).statusCode(201)
                .extract().jsonPath().getString("transactionId");
        String b = post("ADEME", "/api/v1/funding/commitments", body, key).statusCode(201)
                .extract().jsonPath().getString("transactionId");
        assertThat(a).isNotEqualTo(b);
    }
}
