package fr.gouv.ti.e2e;

import fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments;
import fr.gouv.ti.localstack.LocalStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static fr.gouv.ti.e2e.Programme.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The Kafka broker stops for 30 s while the region signs a protocol, the territory team adds fiches-actions and an
 * operator allocates. Writes keep
 * succeeding (the outbox holds the events), and once the broker is back every event reaches its consumers: the
 * territory summary, funding-service's fiches-actions and contract-service's committed amounts converge.
 */
@ExtendWith(ResponsesMatchTheDocuments.class)
class KafkaOutageIT {

    private static final String TI = "ti-8410";
    private static final String VICHY = "200071363";
    private static final String EPCIS = "[\"200070753\",\"200071199\",\"200071363\",\"200071389\",\"200072098\"]";
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final long ALLOCATION = 1_000_000;

    @Test
    void writesDuringA30SecondBrokerOutageReachEveryProjectionOnceItReturns() throws Exception {
        LocalStack stack = Suite.stack();
        String region = Suite.issueKey("Région Auvergne-Rhône-Alpes (Kafka)", "region", "\"regionCode\":\"84\"");
        String team = Suite.issueKey("Equipe Riom - Vichy", "territory-team", "\"phase\":\"2019-2022\",\"tiId\":\"" + TI + "\"");
        String ademe = Suite.issueKey("ADEME SI", "operator", "\"operatorCode\":\"ADEME\"");
        Programme.ensurePicSource();
        write(Suite.asAdmin(), "POST", "/api/v1/funding/operator-lines",
                "{\"operator\":\"ADEME\",\"sourceCode\":\"PIC\",\"amountCents\":5000000000,\"effectiveDate\":\"2019-03-05\"}")
                .statusCode(201);
        Programme.ledgerKnows(TI, "ATTIRER-01");
        String contractId = Programme.openContract(region, TI);

        Instant outageStart = Instant.now();
        stack.stopKafka();
        // the region signs the protocol while the broker is down
        Programme.transition(region, contractId, "protocol-signature", """
                {"effectiveDate":"2019-07-04","documentReference":"PROTOCOLE-TI-8410",
                 "signatories":{"epcis":%s,"region":"84"}}""".formatted(EPCIS)).statusCode(200);
        List<String> actions = new CopyOnWriteArrayList<>();
        AtomicLong allocated = new AtomicLong();
        AtomicInteger refused = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger tick = new AtomicInteger();
            // one write a second, alternating between contract-service and funding-service, for the whole outage
            ScheduledFuture<?> writes = writer.scheduleAtFixedRate(() -> {
                try {
                    int n = tick.getAndIncrement();
                    if (n % 2 == 0) {
                        actions.add(Programme.action(team, contractId, "Rénovation énergétique d'un site " + n, "ATTIRER",
                                "ATTIRER-01", "2020-02-03", 10_000_000, "CA Vichy Communauté", VICHY));
                    } else {
                        write(Suite.withKey(ademe), "POST", "/api/v1/funding/allocations", """
                                {"operator":"ADEME","phase":"2019-2022","tiId":"%s","regionCode":"84","measureCode":"ATTIRER-01",
                                 "amountCents":%d,"effectiveDate":"2020-01-20"}""".formatted(TI, ALLOCATION)).statusCode(201);
                        allocated.addAndGet(ALLOCATION);
                    }
                } catch (Throwable t) {
                    refused.incrementAndGet();
                    throw t;
                }
            }, 0, 1, TimeUnit.SECONDS);
            writer.schedule(() -> writes.cancel(false), OUTAGE.toMillis(), TimeUnit.MILLISECONDS).get();
        } finally {
            writer.shutdown();
            writer.awaitTermination(10, TimeUnit.SECONDS);
            stack.startKafka();
        }
        Instant outageEnd = Instant.now();
        assertThat(refused.get()).as("writes refused while the broker was down").isZero();
        assertThat(actions).hasSizeGreaterThanOrEqualTo(10);
        assertThat(allocated.get()).isGreaterThanOrEqualTo(10 * ALLOCATION);

        // territory-service: the summary counts every fiche-action and every allocation made during the outage
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                Suite.anonymous().get("/api/v1/territories/2019-2022/" + TI + "/summary").then().statusCode(200)
                        .body("contractState", equalTo("PROTOCOL_SIGNED"))
                        .body("actionCount", equalTo(actions.size()))
                        .body("allocatedCents", equalTo((int) allocated.get())));
        // funding-service knows the fiches-actions (commit accepted), and contract-service learns the commitment back
        String last = actions.get(actions.size() - 1);
        Programme.commit(ademe, last, "ATTIRER-01", 500_000);
        Awaitility.await().atMost(Programme.EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                Suite.withKey(team).get("/api/v1/contracts/" + contractId + "/actions/" + last).then().statusCode(200)
                        .body("committedCents", equalTo(500_000)));

        // no event lost: each event written by contract and funding during the outage was processed by territory-service
        Set<String> emitted = new HashSet<>();
        emitted.addAll(eventIds("contract", outageStart, outageEnd));
        emitted.addAll(eventIds("funding", outageStart, outageEnd));
        assertThat(emitted).hasSizeGreaterThanOrEqualTo(actions.size());
        Set<String> processed = processedIds("territory", emitted);
        assertThat(processed).as("events of the outage processed by territory-service").isEqualTo(emitted);
    }

    private static List<String> eventIds(String db, Instant from, Instant to) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = Suite.database(db);
             PreparedStatement ps = c.prepareStatement("select id::text from outbox_event where occurred_at between ? and ?"
                     + " and topic in ('ti.contract.v1', 'ti.funding.v1')")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static Set<String> processedIds(String db, Set<String> ids) throws Exception {
        Set<String> found = new HashSet<>();
        try (Connection c = Suite.database(db);
             PreparedStatement ps = c.prepareStatement("select event_id from processed_event where event_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
