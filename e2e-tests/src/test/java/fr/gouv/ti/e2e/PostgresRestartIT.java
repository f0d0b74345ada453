package fr.gouv.ti.e2e;

import fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments;
import fr.gouv.ti.localstack.LocalStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.hamcrest.Matchers.equalTo;

/** PostgreSQL goes away and comes back: meanwhile the services say 503 problem+json, then recover by themselves. */
@ExtendWith(ResponsesMatchTheDocuments.class)
class PostgresRestartIT {

    @Test
    void whilePostgresIsDownServicesAnswer503AndTheyRecoverWhenItReturns() throws Exception {
        LocalStack stack = Suite.stack();
        Suite.anonymous().get("/api/v1/territories/2019-2022/ti-8411").then().statusCode(200);
        Suite.anonymous().get("/api/v1/funding/programme").then().statusCode(200);
        stack.stopPostgres();
        try {
            for (String path : new String[]{"/api/v1/territories/2019-2022/ti-8411", "/api/v1/funding/programme",
                    "/api/v1/measures"}) {
                Suite.anonymous().get(path).then().statusCode(503).contentType("application/problem+json")
                        .body("status", equalTo(503));
            }
        } finally {
            stack.startPostgres();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Suite.anonymous().get("/api/v1/territories/2019-2022/ti-8411").then().statusCode(200);
            Suite.anonymous().get("/api/v1/funding/programme").then().statusCode(200);
            Suite.anonymous().get("/api/v1/measures").then().statusCode(200);
        });
        // every pooled connection is replaced, not just one: ten authenticated requests in a row all succeed
        // (each checks the API key in the gateway's database)
        for (int i = 0; i < 10; i++) {
            Suite.asAdmin().get("/api/v1/admin/api-keys").then().statusCode(200);
            Suite.asAdmin().get("/api/v1/funding/programme").then().statusCode(200);
        }
    }
}
