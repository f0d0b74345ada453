package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** If-Match makes concurrent transitions safe; Idempotency-Key makes a retried creation harmless; lists page. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class ConcurrentAndRepeatedWritesTest {

    @Test
    void ofTwoConcurrentSignaturesWithTheSameETagExactlyOneWins() throws Exception {
        Fixtures.ensureProjections();
        String region = Identities.region("84");
        String id = Fixtures.openContract(region, "ti-8415");
        String etag = Fixtures.etag(id);
        String body = "{\"effectiveDate\":\"2019-09-02\",\"documentReference\":\"P-8415\",\"signatories\":"
                + Fixtures.signatories("84", "200070340", "247300676") + "}";
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return given().header(Identities.HEADER, region).header("If-Match", etag)
                        .contentType("application/json").body(body)
                        .post("/api/v1/contracts/" + id + "/protocol-signature").then().extract().statusCode();
            }, pool));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> f : results) {
            statuses.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(Db.count("select count(*) from contract_transition where contract_id = ?::uuid", id)).isEqualTo(1);
        assertThat(Db.count("select count(*) from outbox_event where aggregate_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aRetriedCreationWithTheSameIdempotencyKeyIsReplayedNotRepeated() {
        Fixtures.ensureProjections();
        String admin = Identities.nationalAdmin();
        String body = "{\"phase\":\"2019-2022\",\"tiId\":\"ti-8416\",\"periodStart\":\"2020-01-01\"}";
        String id = given().header(Identities.HEADER, admin).header("Idempotency-Key", "create-8416")
                .contentType("application/json").body(body).post("/api/v1/contracts")
                .then().statusCode(201).extract().path("contractId");
        given().header(Identities.HEADER, admin).header("Idempotency-Key", "create-8416")
                .contentType("application/json").body(body).post("/api/v1/contracts")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("contractId", equalTo(id));
        given().header(Identities.HEADER, admin).header("Idempotency-Key", "create-8416")
                .contentType("application/json").body(body.replace("2020-01-01", "2021-01-01")).post("/api/v1/contracts")
                .then().statusCode(422).contentType("application/problem+json");
        assertThat(Db.count("select count(*) from contract where ti_id = 'ti-8416'")).isEqualTo(1);

        // a territory of communes: the communes of its perimeter sign for it
        Fixtures.transition(admin, id, "protocol-signature", """
                {"effectiveDate":"2020-02-03","documentReference":"P-8416","signatories":%s}"""
                .formatted(Fixtures.signatories("84", "214202079", "214201865", "244200622"))).statusCode(200)
                .body("state", equalTo("PROTOCOL_SIGNED"));
    }

    @Test
    void contractsAreListedPageByPage() {
        // two fictitious territories of a future phase, for this test only
        for (String ti : List.of("ti-0101", "ti-0102")) {
            Fixtures.send("ti.territory.v1", "2030-2034/" + ti, "fr.gouv.ti.territory.labelled.v1", """
                    {"phase":"2030-2034","tiId":"%s","name":"Territoire de test %s","regionCode":"11","status":"LABELLED",
                     "perimeter":[]}""".formatted(ti, ti));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select count(*) from territory_projection where phase = '2030-2034' and region_code = '11'") == 2);
        String admin = Identities.nationalAdmin();
        for (String ti : List.of("ti-0101", "ti-0102")) {
            given().header(Identities.HEADER, admin).contentType("application/json")
                    .body("{\"phase\":\"2030-2034\",\"tiId\":\"" + ti + "\"}").post("/api/v1/contracts")
                    .then().statusCode(201).body("periodStart", equalTo("2030-01-01")).body("periodEnd", equalTo("2034-12-31"));
        }
        String anyone = Identities.anonymous();
        String page = "/api/v1/contracts?phase=2030-2034&regionCode=11&limit=1";
        String cursor = given().header(Identities.HEADER, anyone).get(page)
                .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        String first = given().header(Identities.HEADER, anyone).get(page).then().extract().path("items[0].contractId");
        String second = given().header(Identities.HEADER, anyone).get(page + "&cursor=" + cursor)
                .then().statusCode(200).body("items.size()", equalTo(1)).extract().path("items[0].contractId");
        assertThat(second).isNotEqualTo(first);
        given().header(Identities.HEADER, anyone).get("/api/v1/contracts?cursor=%25%25%25")
                .then().statusCode(400).contentType("application/problem+json");
        given().header(Identities.HEADER, anyone).get("/api/v1/contracts?limit=0")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
