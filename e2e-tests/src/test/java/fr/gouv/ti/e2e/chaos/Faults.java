package fr.gouv.ti.e2e.chaos;

import fr.gouv.ti.localstack.LocalStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The kills: each round takes every target once, in an order drawn from the seed, and at moments drawn from it:
 * some seconds of load, kill -9, a pause with the part dead, a restart. After each restart the time to the first
 * request through the gateway that needs the part and succeeds is the recovery time.
 */
final class Faults {

    static final List<String> ALL = List.of("territory-service", "contract-service", "measure-service",
            "funding-service", "webhook-service", "gateway", "kafka", "postgresql");

    /** One kill, as the report shows it. */
    record Kill(int round, String target, long atMillis, long deadMillis, long recoveredAfterMillis) {
    }

    private final LocalStack stack;
    private final Api api;
    private final String admin;
    private final Random random;
    private final long startedAt = System.nanoTime();
    final List<Kill> kills = Collections.synchronizedList(new ArrayList<>());

    Faults(LocalStack stack, Api api, String admin, long seed) {
        this.stack = stack;
        this.api = api;
        this.admin = admin;
        this.random = new Random(seed);
    }

    void rounds(int rounds, List<String> targets, Duration between) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(targets);
            Collections.shuffle(order, random);
            for (String target : order) {
                Thread.sleep(between.toMillis() / 2 + random.nextInt((int) Math.max(1, between.toMillis())));
                killAndRestart(round, target);
            }
        }
    }

    private void killAndRestart(int round, String target) throws Exception {
        long at = elapsed();
        long dead = 500 + random.nextInt(2500);
        switch (target) {
            case "kafka" -> stack.killKafka();
            case "postgresql" -> stack.killPostgres();
            default -> stack.kill(target);
        }
        Thread.sleep(dead); // the part stays dead for a while: the drawn outage, not a wait for an event
        long restartedAt = System.nanoTime();
        switch (target) {
            case "kafka" -> stack.startKafka();
            case "postgresql" -> stack.startPostgres();
            default -> stack.restart(target);
        }
        if (target.equals("kafka")) {
            Convergence.awaitPublishedSince(restartedAt, Duration.ofMinutes(3));
        } else {
            api.until("GET", probe(target), admin, null, null, null, a -> a.status() == 200, Duration.ofMinutes(3));
        }
        long recovered = (System.nanoTime() - restartedAt) / 1_000_000;
        kills.add(new Kill(round, target, at, dead, recovered));
        System.out.printf("chaos: round %d, kill -9 of %s at %d ms, dead %d ms, answering %d ms after its restart%n",
                round, target, at, dead, recovered);
    }

    /** A read through the gateway that needs the part (the broker's recovery is the first event it takes again). */
    private static String probe(String target) {
        return switch (target) {
            case "territory-service" -> "/api/v1/territories/2019-2022/ti-8411";
            case "postgresql" -> "/api/v1/admin/api-keys?limit=1";
            case "contract-service" -> "/api/v1/contracts?limit=1";
            case "measure-service" -> "/api/v1/measures?limit=1";
            case "funding-service" -> "/api/v1/funding/programme";
            case "webhook-service" -> "/api/v1/webhooks/subscriptions";
            default -> "/q/health/ready";
        };
    }

    private long elapsed() {
        return (System.nanoTime() - startedAt) / 1_000_000;
    }
}
