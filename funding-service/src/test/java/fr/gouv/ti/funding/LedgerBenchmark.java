package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static fr.gouv.ti.funding.Fixture.scalar;

/**
 * The benchmark of issue 7. NOT a test: its name is outside surefire's patterns, so only
 * {@code funding-service/bench/run-benchmark.sh} runs it (-Dtest=LedgerBenchmark). In one run, on one PostgreSQL:
 * pgbench tpcb-like, then commits/s through funding-service's HTTP API at 8 and 32 clients (p50/p99), then balance
 * and aggregate latencies with more than a million entries in the ledger. Results go to stdout and
 * target/bench-report.md.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "funding"))
class LedgerBenchmark {

    static final int ALLOCATIONS = Integer.getInteger("bench.allocations", 200);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final int BULK_TRANSACTIONS = Integer.getInteger("bench.bulk", 520_000);

    @TestHTTPResource("/")
    URL base;

    final StringBuilder report = new StringBuilder();
    final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

    @Test
    void run() throws Exception {
        line("# funding-service benchmark, " + Instant.now());
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " CPU(s). Embedded PostgreSQL 15 as in the tests "
                + "(fsync=off, full_page_writes=off), in-JVM Kafka broker; load generator, service and broker share the JVM.");
        line("");
        pgbench();

        // ---- setup through the API: one line, ALLOCATIONS territories x allocations, one fiche-action each
        String tag = Long.toString(System.nanoTime() % 100000, 36);
        Fixture.lineFunded("BPIFRANCE", ALLOCATIONS * 10_000_000L);
        List<String> actions = new ArrayList<>();
        List<String> territories = new ArrayList<>();
        for (int i = 0; i < ALLOCATIONS; i++) {
            territories.add("ti-b" + tag + i);
        }
        Fixture.territoriesKnown(territories.subList(0, ALLOCATIONS / 2), "84");
        Fixture.territoriesKnown(territories.subList(ALLOCATIONS / 2, ALLOCATIONS), "32");
        for (int i = 0; i < ALLOCATIONS; i++) {
            String ti = territories.get(i);
            Fixture.post(Fixture.ADMIN, "/api/v1/funding/allocations", """
                    {"operator":"BPIFRANCE","phase":"2019-2022","tiId":"%s","regionCode":"%s","measureCode":"INNOVER_PIA",
                     "amountCents":10000000,"effectiveDate":"2019-06-01"}"""
                    .formatted(ti, i < ALLOCATIONS / 2 ? "84" : "32")).statusCode(201);
            actions.add(Fixture.actionKnown(ti, List.of("INNOVER_PIA")));
        }
        for (String a : actions) {
            Fixture.committed("BPIFRANCE", a, "INNOVER_PIA", 1);
        }

        // ---- warm-up (JIT, pools), not reported
        commits(actions, 8, 5, null);

        // ---- commits through HTTP
        line("## Commits through the HTTP API (POST /api/v1/funding/commitments, 1 cent each, Idempotency-Key, audit, outbox)");
        line("");
        line("| scenario | clients | commits/s | p50 ms | p99 ms | refused |");
        line("|---|---|---|---|---|---|");
        commits(actions, 8, SECONDS, "spread over " + ALLOCATIONS + " allocations");
        commits(actions, 32, SECONDS, "spread over " + ALLOCATIONS + " allocations");
        commits(actions.subList(0, 1), 32, Math.max(5, SECONDS / 2), "one hot allocation (row lock)");
        line("");

        // ---- grow the ledger past 1M entries
        long t0 = System.nanoTime();
        bulkLoad(BULK_TRANSACTIONS);
        long entries = scalar("select count(*) from ledger_entry");
        line("## Read latencies with " + entries + " entries in the ledger");
        line("");
        line("(bulk load of " + BULK_TRANSACTIONS + " one-cent commitments took " + (System.nanoTime() - t0) / 1_000_000
                + " ms; it bypasses the per-row triggers and recomputes the balances from the entries, then checks "
                + "that every transaction and the whole ledger sum to zero)");
        line("");
        line("| query | n | p50 ms | p99 ms |");
        line("|---|---|---|---|");
        long allocation = scalar("select id from account where kind = 'ALLOCATION' and ti_id = 'ti-b" + tag + "0'");
        long commitment = scalar("select min(id) from account where kind = 'COMMITMENT' and ti_id = 'ti-b" + tag + "0'");
        String admin = Identities.nationalAdmin();
        String anon = Identities.anonymous();
        read("GET /accounts/{allocation} (maintained balance + rollup)", "/api/v1/funding/accounts/" + allocation, admin, 300);
        read("GET /accounts/{commitment}", "/api/v1/funding/accounts/" + commitment, admin, 300);
        read("GET /accounts/{allocation}?asOf=2021-12-31 (from entries)", "/api/v1/funding/accounts/" + allocation + "?asOf=2021-12-31", admin, 100);
        read("GET /aggregates?groupBy=territory", "/api/v1/funding/aggregates?groupBy=territory", anon, 100);
        read("GET /aggregates?groupBy=operator", "/api/v1/funding/aggregates?groupBy=operator", anon, 100);
        read("GET /aggregates?groupBy=region&asOf=2021-12-31 (entries)", "/api/v1/funding/aggregates?groupBy=region&asOf=2021-12-31", anon, 10);
        read("GET /aggregates?groupBy=year (entries)", "/api/v1/funding/aggregates?groupBy=year", anon, 10);
        read("GET /journal?limit=100 (first page)", "/api/v1/funding/journal?limit=100", admin, 100);
        line("");
        // after a million entries, commits still go at the same speed
        line("## Commits again, with " + entries + " entries");
        line("");
        line("| scenario | clients | commits/s | p50 ms | p99 ms | refused |");
        line("|---|---|---|---|---|---|");
        commits(actions, 32, Math.max(5, SECONDS / 2), "spread, large ledger");
        CommitmentsAndDisbursementsNeverExceedTheirLimitUnderConcurrencyTest.assertLedgerBalanced();
        line("");
        line("## Ratios to pgbench tpcb-like (" + String.format("%.0f", pgbenchTps) + " tps)");
        line("");
        commitRatios.forEach(r -> line("- " + r));
        line("");
        line("Ledger checked after the run: every transaction sums to zero, the ledger sums to zero, every maintained "
                + "balance equals the sum of its entries, no account is overdrawn.");
        Path out = Path.of("target", "bench-report.md");
        Files.writeString(out, report.toString());
        System.out.println("\n" + report + "\n(report written to funding-service/" + out + ")");
    }

    void pgbench() throws Exception {
        int port = EmbeddedInfrastructure.postgres().getPort();
        EmbeddedInfrastructure.database("pgbench");
        run("pgbench", "-i", "-q", "-s", "10", "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres", "pgbench");
        List<String> output = run("pgbench", "-b", "tpcb-like", "-c", "8", "-j", "2", "-T", String.valueOf(SECONDS),
                "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres", "pgbench");
        String tps = output.stream().filter(l -> l.startsWith("tps")).findFirst().orElse("tps = ?");
        String latency = output.stream().filter(l -> l.startsWith("latency average")).findFirst().orElse("");
        line("## pgbench on the same PostgreSQL");
        line("");
        line("`pgbench -b tpcb-like -c 8 -j 2 -T " + SECONDS + "`, scale 10: **" + tps + "**, " + latency);
        line("");
        pgbenchTps = Double.parseDouble(tps.replaceAll("tps = ([0-9.]+).*", "$1"));
    }

    double pgbenchTps;

    List<String> run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "postgres");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + String.join("\n", lines));
        }
        return lines;
    }

    void commits(List<String> actions, int clients, int seconds, String scenario) throws Exception {
        String token = Identities.operator("BPIFRANCE");
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < deadline && n < lat.length) {
                    String action = actions.get(ThreadLocalRandom.current().nextInt(actions.size()));
                    HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/funding/commitments"))
                            .header("Content-Type", "application/json").header(Identities.HEADER, token)
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"actionId":"%s","measureCode":"INNOVER_PIA","amountCents":1,"effectiveDate":"2020-03-10"}"""
                                    .formatted(action))).build();
                    long t = System.nanoTime();
                    int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                    lat[n++] = System.nanoTime() - t;
                    if (status != 201) {
                        refused.incrementAndGet();
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double rate = (lat.length - refused.get()) / elapsed;
        if (scenario == null) {
            return;
        }
        line("| " + scenario + " | " + clients + " | " + Math.round(rate) + " | " + ms(lat, 0.50) + " | "
                + ms(lat, 0.99) + " | " + refused.get() + " |");
        if (pgbenchTps > 0) {
            commitRatios.add(scenario + ", " + clients + " clients: " + String.format("%.2f", rate / pgbenchTps)
                    + " x pgbench tps");
        }
    }

    final List<String> commitRatios = new ArrayList<>();

    void read(String label, String path, String token, int n) throws Exception {
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            HttpRequest req = HttpRequest.newBuilder(uri(path)).header(Identities.HEADER, token).GET().build();
            long t = System.nanoTime();
            HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
            lat[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " -> " + r.statusCode());
            }
        }
        Arrays.sort(lat);
        line("| " + label + " | " + n + " | " + ms(lat, 0.50) + " | " + ms(lat, 0.99) + " |");
    }

    /** Adds one-cent COMMITTED transactions (two entries each) spread over the bench commitments, in batches. */
    void bulkLoad(int transactions) throws Exception {
        try (Connection c = Fixture.db(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set session_replication_role = replica"); // skip the per-row triggers for the bulk insert only
            s.execute("""
                    create temp table bench_pair on commit drop as
                    select row_number() over (order by c.id) - 1 as idx, c.id as commitment, c.parent_id as allocation,
                           c.phase, c.ti_id, c.region_code, c.measure_code, c.action_id
                    from account c where c.kind = 'COMMITMENT' and c.ti_id like 'ti-b%'""");
            long pairs = count(s, "select count(*) from bench_pair");
            s.execute("""
                    create temp table bench_tx on commit drop as
                    select gen_random_uuid() as id, p.*, date '2019-01-01' + (g %% 2500)::int as eff
                    from generate_series(1, %d) g join bench_pair p on p.idx = g %% %d""".formatted(transactions, pairs));
            s.execute("""
                    insert into ledger_transaction (id, kind, effective_date, amount_cents, operator, phase, ti_id,
                                                    region_code, measure_code, action_id, actor, reason)
                    select id, 'COMMITTED', eff, 1, 'BPIFRANCE', phase, ti_id, region_code, measure_code, action_id,
                           'bench', 'bulk load' from bench_tx""");
            s.execute("""
                    insert into ledger_entry (tx_id, account_id, side, amount_cents, effective_date)
                    select id, allocation, 'D', -1, eff from bench_tx
                    union all select id, commitment, 'U', 1, eff from bench_tx""");
            s.execute("""
                    update account a set inflow_cents = a.inflow_cents + d.inflow, outflow_cents = a.outflow_cents + d.outflow
                    from (select account_id, coalesce(sum(amount_cents) filter (where side = 'U'), 0) inflow,
                                 coalesce(-sum(amount_cents) filter (where side = 'D'), 0) outflow
                          from ledger_entry e join bench_tx t on t.id = e.tx_id group by account_id) d
                    where a.id = d.account_id""");
            s.execute("""
                    update territory_totals tt set committed_cents = tt.committed_cents + d.n
                    from (select phase, ti_id, count(*) n from bench_tx group by 1, 2) d
                    where tt.phase = d.phase and tt.ti_id = d.ti_id""");
            s.execute("""
                    insert into action_totals (action_id, committed_cents)
                    select action_id, count(*) from bench_tx group by 1
                    on conflict (action_id) do update set committed_cents = action_totals.committed_cents + excluded.committed_cents""");
            s.execute("set session_replication_role = origin");
            c.commit();
            c.setAutoCommit(true);
            s.execute("vacuum analyze ledger_entry");
            s.execute("vacuum analyze ledger_transaction");
            s.execute("vacuum analyze account");
        }
    }

    static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    static String ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        long v = sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
        return String.format("%.1f", v / 1e6);
    }

    void line(String s) {
        report.append(s).append('\n');
    }
}
