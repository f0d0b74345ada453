package fr.gouv.ti.measure;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Optimistic concurrency on the draft: of several edits made from the same ETag, exactly one wins. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class ConcurrentDraftEditsNeverLoseAnUpdateTest {

    @AfterEach
    void discard() {
        Catalogue.discardAnyDraft();
    }

    @Test
    void ofEightEditsFromTheSameETagExactlyOneIsApplied() throws Exception {
        Object[] draft = Catalogue.openDraft("Brouillon de test de concurrence");
        int n = (int) draft[0];
        String etag = (String) draft[1];
        long measures = Catalogue.count("select count(*) from measure_entry");
        long audit = Catalogue.count("select count(*) from audit_log");

        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int k = i;
            Callable<Integer> edit = () -> {
                start.await();
                return given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                        .contentType("application/json")
                        .body("{\"axis\":\"INNOVER\",\"titleFr\":\"Édition concurrente " + k + "\","
                                + "\"operators\":[\"BPIFRANCE\"],\"sourceUrl\":\"https://example.org/" + k + "\","
                                + "\"wording\":\"PARAPHRASE\"}")
                        .post("/api/v1/catalogue/versions/" + n + "/measures").then().extract().statusCode();
            };
            results.add(pool.submit(edit));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 412);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(Catalogue.count("select count(*) from measure_entry")).isEqualTo(measures + 1);
        assertThat(Catalogue.count("select count(*) from audit_log")).isEqualTo(audit + 1);
        assertThat(Catalogue.etag(n)).isNotEqualTo(etag);
    }
}
