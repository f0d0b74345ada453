package fr.gouv.ti.e2e;

import fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments;
import fr.gouv.ti.localstack.LocalStack;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static fr.gouv.ti.e2e.Programme.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of funding-service while operators commit concurrently. Each client keeps one Idempotency-Key per commit
 * and retries it until it gets an answer, as an operator's system would. After the restart every commit exists exactly
 * once in the ledger, whether its first answer was lost or not, and the ledger still sums to zero.
 */
@ExtendWith(ResponsesMatchTheDocuments.class)
class FundingCrashIT {

    private static final int COMMITS = 200;
    private static final int CLIENTS = 8;
    private static final long CENTS = 100_000;

    @Test
    void everyCommitExistsOnceAfterAKillDuringConcurrentRetriedCommits() throws Exception {
        LocalStack stack = Suite.stack();
        String region = Suite.issueKey("Région Auvergne-Rhône-Alpes (panne)", "region", "\"regionCode\":\"84\"");
        String team = Suite.issueKey("Equipe Montluçon", "territory-team", "\"phase\":\"2019-2022\",\"tiId\":\"ti-8407\"");
        String franceTravail = Suite.issueKey("France Travail SI", "operator", "\"operatorCode\":\"FRANCE_TRAVAIL\"");

        Programme.ensurePicSource();
        write(Suite.asAdmin(), "POST", "/api/v1/funding/operator-lines",
                "{\"operator\":\"FRANCE_TRAVAIL\",\"sourceCode\":\"PIC\",\"amountCents\":5000000000,\"effectiveDate\":\"2019-03-05\"}")
                .statusCode(201);
        Programme.ledgerKnows("ti-8407", "RECRUTER-01");
        write(Suite.withKey(franceTravail), "POST", "/api/v1/funding/allocations", """
                {"operator":"FRANCE_TRAVAIL","phase":"2019-2022","tiId":"ti-8407","regionCode":"84","measureCode":"RECRUTER-01",
                 "amountCents":1000000000,"effectiveDate":"2020-01-20"}""").statusCode(201);
        String contractId = Programme.openContract(region, "ti-8407");
        String actionId = Programme.action(team, contractId, "Parcours d'embauche dans l'industrie", "RECRUTER",
                "RECRUTER-01", "2020-01-15", 50_000_000, "CA Montluçon Communauté", "200071082");
        Programme.commit(franceTravail, actionId, "RECRUTER-01", CENTS); // funding knows the action
        String run = UUID.randomUUID().toString().substring(0, 8);

        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger failedAttempts = new AtomicInteger();
        AtomicInteger replays = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                for (int i = client; i < COMMITS; i += CLIENTS) {
                    String idem = run + "-" + i;
                    String body = Programme.commitment(actionId, "RECRUTER-01", CENTS, "CRASH-" + run + "-" + i);
                    started.incrementAndGet();
                    Response r = retryUntilAnswered(franceTravail, idem, body, failedAttempts);
                    assertThat(r.statusCode()).as("commit %d: %s", i, r.asString()).isEqualTo(201);
                    if ("true".equals(r.header("Idempotent-Replayed"))) {
                        replays.incrementAndGet();
                    }
                    acknowledged.add(i);
                }
                return null;
            }));
        }
        // kill -9 while commits are in flight, then start it again as an operator's on-call would
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> started.get() >= COMMITS / 4);
        stack.kill("funding-service");
        stack.restart("funding-service");
        for (Future<?> f : done) {
            f.get(3, TimeUnit.MINUTES);
        }
        clients.shutdown();

        assertThat(acknowledged).hasSize(COMMITS);
        assertThat(failedAttempts.get()).as("attempts that met the dead service").isPositive();
        Map<String, Integer> copies = new HashMap<>();
        try (Connection db = Suite.database("funding")) {
            try (PreparedStatement ps = db.prepareStatement(
                    "select reference, count(*) from ledger_transaction where reference like ? group by reference")) {
                ps.setString(1, "CRASH-" + run + "-%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        copies.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            assertThat(copies).as("commits in the ledger").hasSize(COMMITS);
            assertThat(copies.values()).as("copies of each commit").containsOnly(1);
            try (ResultSet rs = db.createStatement().executeQuery("select coalesce(sum(amount_cents), 0) from ledger_entry")) {
                rs.next();
                assertThat(rs.getLong(1)).as("sum of all ledger entries").isZero();
            }
        }
        Suite.withKey(franceTravail).get("/api/v1/funding/actions/" + actionId).then().statusCode(200)
                .body("committedCents", org.hamcrest.Matchers.equalTo((int) ((COMMITS + 1) * CENTS)));
        System.out.printf("funding crash: %d commits acknowledged, %d failed attempts during the outage, %d replays%n",
                acknowledged.size(), failedAttempts.get(), replays.get());
    }

    /** Retries the same request (same key, same body) while the service is down or the first attempt is in progress. */
    private static Response retryUntilAnswered(String key, String idem, String body, AtomicInteger failedAttempts) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                Response r = Suite.withKey(key).header("Idempotency-Key", idem).contentType("application/json").body(body)
                        .post("/api/v1/funding/commitments");
                if (r.statusCode() < 500 && r.statusCode() != 409 && r.statusCode() != 429) {
                    return r;
                }
            } catch (RuntimeException connectionLost) {
                // the gateway itself stays up; a broken connection is retried like a 5xx
            }
            failedAttempts.incrementAndGet();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer within 2 minutes for Idempotency-Key " + idem);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // a client's backoff between retries
        }
    }
}
