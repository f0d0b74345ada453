package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static fr.gouv.ti.funding.Fixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class CommitmentsAndDisbursementsNeverExceedTheirLimitUnderConcurrencyTest {

    static final int THREADS = 32;

    @TestHTTPResource("/")
    URL base;

    final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();

    @Test
    void racingCommitsFillTheAllocationExactlyAndNotOneCentMore() throws Exception {
        String ti = Fixture.newTerritory();
        long allocation = Fixture.allocated("BPIFRANCE", ti, "INNOVER_PIA", 10_000);
        List<String> actions = List.of(Fixture.actionKnown(ti, List.of("INNOVER_PIA")),
                Fixture.actionKnown(ti, List.of("INNOVER_PIA")), Fixture.actionKnown(ti, List.of("INNOVER_PIA")));

        // 48 commits of 2.50 EUR = 120 EUR against an allocation of 100 EUR: exactly 40 may pass
        Map<Integer, Long> statuses = race(48, i -> post("/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"INNOVER_PIA","amountCents":250,"effectiveDate":"2020-03-10"}"""
                .formatted(actions.get(i % 3))));

        assertThat(statuses).containsEntry(201, 40L).containsEntry(409, 8L).hasSize(2);
        assertThat(scalar("select outflow_cents from account where id = " + allocation)).isEqualTo(10_000);
        assertThat(scalar("select inflow_cents from account where id = " + allocation)).isEqualTo(10_000);
        assertThat(scalar("select coalesce(sum(inflow_cents), 0) from account where kind = 'COMMITMENT' and parent_id = "
                + allocation)).isEqualTo(10_000);
        assertThat(scalar("select committed_cents from territory_totals where ti_id = '" + ti + "'")).isEqualTo(10_000);
        assertLedgerBalanced();
    }

    @Test
    void racingDisbursementsFillTheCommitmentExactlyAndNotOneCentMore() throws Exception {
        String ti = Fixture.newTerritory();
        Fixture.allocated("BANQUE_DES_TERRITOIRES", ti, "ATTIRER_BDT", 50_000);
        String action = Fixture.actionKnown(ti, List.of("ATTIRER_BDT"));
        long commitment = Fixture.committed("BANQUE_DES_TERRITOIRES", action, "ATTIRER_BDT", 7_000);

        // 40 payments of 3.00 EUR = 120 EUR against a commitment of 70 EUR: exactly 23 pass (69 EUR), 1 EUR remains
        Map<Integer, Long> statuses = race(40, i -> post("/api/v1/funding/commitments/" + commitment + "/disbursements",
                "{\"amountCents\":300,\"effectiveDate\":\"2021-01-04\"}", "BANQUE_DES_TERRITOIRES"));

        assertThat(statuses).containsEntry(201, 23L).containsEntry(409, 17L).hasSize(2);
        assertThat(scalar("select outflow_cents from account where id = " + commitment)).isEqualTo(6_900);
        assertThat(scalar("select inflow_cents from account where parent_id = " + commitment + " and kind = 'DISBURSED'"))
                .isEqualTo(6_900);
        assertThat(scalar("select disbursed_cents from action_totals where action_id = '" + action + "'")).isEqualTo(6_900);
        assertLedgerBalanced();
    }

    /** Every transaction sums to zero, the whole ledger sums to zero, and each maintained balance equals its entries. */
    static void assertLedgerBalanced() {
        assertThat(scalar("select coalesce(sum(amount_cents), 0) from ledger_entry")).isZero();
        assertThat(scalar("select count(*) from (select tx_id from ledger_entry group by tx_id having sum(amount_cents) <> 0) x"))
                .isZero();
        assertThat(scalar("""
                select count(*) from account a left join (
                    select account_id, coalesce(sum(amount_cents) filter (where side = 'U'), 0) inflow,
                           coalesce(-sum(amount_cents) filter (where side = 'D'), 0) outflow
                    from ledger_entry group by account_id) e on e.account_id = a.id
                where a.inflow_cents <> coalesce(e.inflow, 0) or a.outflow_cents <> coalesce(e.outflow, 0)""")).isZero();
        assertThat(scalar("select count(*) from account where kind <> 'WORLD' and outflow_cents > inflow_cents")).isZero();
    }

    private Callable<Integer> post(String path, String body) {
        return post(path, body, "BPIFRANCE");
    }

    private Callable<Integer> post(String path, String body, String operator) {
        return () -> http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                        .header("Content-Type", "application/json")
                        .header(Identities.HEADER, Identities.operator(operator))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Fires n requests from THREADS threads released at once; returns the count per HTTP status. */
    private static Map<Integer, Long> race(int n, Function<Integer, Callable<Integer>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Integer> call = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
