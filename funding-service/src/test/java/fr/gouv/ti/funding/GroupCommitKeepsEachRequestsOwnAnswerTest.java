package fr.gouv.ti.funding;

import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.funding.config.LedgerWriterConfig;
import fr.gouv.ti.funding.service.LedgerRequest;
import fr.gouv.ti.funding.service.LedgerWriter;
import fr.gouv.ti.funding.service.Movement;
import fr.gouv.ti.funding.service.MovementBatch;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static fr.gouv.ti.funding.Fixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger writer posts many requests in one transaction (group commit); each request must still get the answer
 * it would get alone, and the ledger's invariants must hold across batches and across writers.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class GroupCommitKeepsEachRequestsOwnAnswerTest {

    static final Caller BPIFRANCE = new Caller("test-bpifrance", "Bpifrance SI", Role.OPERATOR, null, "BPIFRANCE",
            null, null);

    @Inject
    MovementBatch batch;

    @Inject
    LedgerWriter writer;

    @Inject
    Idempotency idempotency;

    @Inject
    LedgerWriterConfig config;

    @Test
    void aBatchWhereOneItemWouldOverCommitPostsTheOthersAndRefusesThatOneWithItsOwnProblem() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 10_000);
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        long transactionsBefore = scalar("select count(*) from ledger_transaction");

        List<Object> answers = post(List.of(commit(action, 3_000, key()), commit(action, 8_000, key()),
                commit(action, 5_000, key()), commit(action, 2_000, key())));

        assertThat(answers.get(0)).isInstanceOf(Response.class);
        assertThat(((Response) answers.get(0)).getStatus()).isEqualTo(201);
        ProblemException refused = (ProblemException) answers.get(1);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.slug()).isEqualTo("allocation-exceeded");
        assertThat(refused.extensions()).containsEntry("availableCents", 7_000L)
                .containsEntry("excessCents", 1_000L);
        assertThat(((Response) answers.get(2)).getStatus()).isEqualTo(201);
        assertThat(((Response) answers.get(3)).getStatus()).isEqualTo(201);
        assertThat(scalar("select outflow_cents from account where id = " + allocation)).isEqualTo(10_000);
        assertThat(scalar("select count(*) from ledger_transaction") - transactionsBefore).isEqualTo(3);
        assertThat(scalar("select committed_cents from action_totals where action_id = '" + action + "'"))
                .isEqualTo(10_000);
        assertThat(scalar("select committed_cents from territory_totals where ti_id = '" + ti + "'")).isEqualTo(10_000);
        // each accepted commitment's event carries the totals as they stood just after it, in order
        assertThat(scalar("""
                select (string_agg((payload::jsonb -> 'actionTotals' ->> 'committedCents'), ',' order by position)
                  = '3000,8000,10000')::int from outbox_event where payload::jsonb ->> 'actionId' = '%s'""".formatted(action)))
                .isEqualTo(1);
        CommitmentsAndDisbursementsNeverExceedTheirLimitUnderConcurrencyTest.assertLedgerBalanced();
    }

    @Test
    void twoRequestsWithTheSameKeyInOneBatchHaveOneEffectAndAnotherBodyUnderItIsRefused() {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 10_000);
        String action = Fixture.actionKnown(ti, List.of("INNOVER_PIA"));
        String key = key();

        List<Object> answers = post(List.of(commit(action, 1_000, key), commit(action, 1_000, key),
                commit(action, 2_500, key)));

        Response first = (Response) answers.get(0);
        Response again = (Response) answers.get(1);
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(again.getStatus()).isEqualTo(201);
        assertThat(again.getHeaderString(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.getEntity()).isSameAs(first.getEntity());
        assertThat(((ProblemException) answers.get(2)).slug())
                .isEqualTo("idempotency-key-reused");
        assertThat(scalar("select outflow_cents from account where id = " + allocation)).isEqualTo(1_000);
        assertThat(scalar("select count(*) from idempotency_record where idem_key = '" + key + "'")).isEqualTo(1);

        // and across batches: the key now replays, whichever batch it lands in
        Response later = (Response) post(List.of(commit(action, 1_000, key))).get(0);
        assertThat(later.getHeaderString(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(scalar("select outflow_cents from account where id = " + allocation)).isEqualTo(1_000);
    }

    @Test
    void threeWritersOnOneDatabaseUnderContentionNeverOverCommit() throws Exception {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 20_000);
        List<String> actions = List.of(Fixture.actionKnown(ti, List.of("INNOVER_PIA")),
                Fixture.actionKnown(ti, List.of("INNOVER_PIA")), Fixture.actionKnown(ti, List.of("INNOVER_PIA")));
        long commitmentsBefore = scalar("select count(*) from ledger_transaction where kind = 'COMMITTED'");
        // two more writers beside the application's, each with its own thread and transactions, as two more
        // instances of funding-service would post to the same database
        LedgerWriter second = new LedgerWriter(batch, config, new SimpleMeterRegistry());
        LedgerWriter third = new LedgerWriter(batch, config, new SimpleMeterRegistry());
        second.start();
        third.start();
        List<LedgerWriter> writers = List.of(writer, second, third);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            // 150 commitments of 3.00 EUR = 450 EUR against 200 EUR: exactly 66 pass (198 EUR), 2 EUR remain
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                LedgerWriter w = writers.get(i % 3);
                LedgerRequest r = commit(actions.get(i % 3), 300, key());
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return w.submit(r).getStatus();
                    } catch (ProblemException p) {
                        return p.status();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertThat(counts).containsEntry(201, 66L).containsEntry(409, 84L).hasSize(2);
        } finally {
            pool.shutdownNow();
            second.stop();
            third.stop();
        }
        assertThat(scalar("select outflow_cents from account where id = " + allocation)).isEqualTo(19_800);
        assertThat(scalar("select count(*) from ledger_transaction where kind = 'COMMITTED'") - commitmentsBefore)
                .isEqualTo(66);
        assertThat(scalar("select sum(committed_cents) from action_totals where action_id in ('"
                + String.join("','", actions) + "')")).isEqualTo(19_800);
        CommitmentsAndDisbursementsNeverExceedTheirLimitUnderConcurrencyTest.assertLedgerBalanced();
    }

    private List<Object> post(List<LedgerRequest> requests) {
        return QuarkusTransaction.requiringNew().call(() -> batch.post(requests));
    }

    private LedgerRequest commit(String action, long cents, String key) {
        Movement.Commitment c = new Movement.Commitment("BPIFRANCE", action, "INNOVER_PIA", cents,
                LocalDate.of(2020, 3, 10), null, null, null, null, fr.gouv.ti.funding.domain.Instrument.GRANT);
        Idempotency.Claim claim = new Idempotency.Claim(BPIFRANCE.clientId(), key,
                Idempotency.hash(idempotency.fingerprint("POST", "/api/v1/funding/commitments", c)));
        return new LedgerRequest(BPIFRANCE, claim, "test-" + key, null, "funding.commit", c,
                p -> Response.status(201).entity(p.transaction().id().toString()).build());
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
