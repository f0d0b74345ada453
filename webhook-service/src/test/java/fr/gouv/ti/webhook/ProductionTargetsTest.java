package fr.gouv.ti.webhook;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** With the production settings, a private, loopback or link-local target, or plain http, is refused. */
@QuarkusTest
@TestProfile(ProductionTargetsTest.Production.class)
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "webhook"))
class ProductionTargetsTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ti.webhook.targets.allow-private", "false", "ti.webhook.targets.require-https", "true",
                    "ti.webhook.delivery.enabled", "false");
        }
    }

    @Test
    void privateTargetsAreRefusedAndNothingIsStored() {
        for (String url : new String[]{"https://127.0.0.1/hook", "https://localhost:8443/hook",
                "https://169.254.169.254/latest", "https://10.0.0.5/hook", "https://[::1]/hook",
                "http://93.184.216.34/hook"}) {
            long before = Db.writes();
            given().header(Identities.HEADER, Identities.region("84")).contentType("application/json")
                    .body("{\"url\":\"" + url + "\",\"eventTypes\":[\"fr.gouv.ti.contract.*\"]}")
                    .post("/api/v1/webhooks/subscriptions")
                    .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("url"));
            assertThat(Db.writes()).as(url).isEqualTo(before);
        }
    }
}
