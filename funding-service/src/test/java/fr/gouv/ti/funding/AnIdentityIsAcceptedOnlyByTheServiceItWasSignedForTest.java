package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.IdentityKeys;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;

/**
 * Finding 9 of issue 18: the gateway signs one identity per service; funding-service accepts only its own audience,
 * and an expired identity only within a few seconds of skew.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class AnIdentityIsAcceptedOnlyByTheServiceItWasSignedForTest {

    @Test
    void anIdentitySignedForAnotherServiceIsRefused() {
        given().header(Identities.HEADER, Identities.token("ti-funding", "admin-test", "national-admin", null, null, null, null, 60))
                .get("/api/v1/funding/journal").then().statusCode(200);
        for (String other : new String[]{"ti-contract", "ti-territory", "ti-services"}) {
            given().header(Identities.HEADER, Identities.token(other, "admin-test", "national-admin", null, null, null, null, 60))
                    .get("/api/v1/funding/journal").then().statusCode(401);
        }
    }

    @Test
    void anIdentityExpiredForMoreThanAFewSecondsIsRefused() {
        long now = Instant.now().getEpochSecond();
        String expired = Jwt.issuer(Identities.ISSUER).subject("admin-test").audience("ti-funding").groups("national-admin")
                .claim("ti_client", "admin-test").issuedAt(now - 60).expiresAt(now - 20).jws()
                .sign(IdentityKeys.pair().getPrivate());
        given().header(Identities.HEADER, expired).get("/api/v1/funding/journal").then().statusCode(401);
    }
}
