package fr.gouv.ti.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import fr.gouv.ti.e2e.chaos.Acks.Kind;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An operator's system: commits on the fiches-actions of its measure, then disburses half of each commitment, every
 * write with its own Idempotency-Key retried with the same body until it has a final answer. A commitment on a
 * fiche-action funding-service has not heard of yet (its event still on the way) is retried too.
 */
final class OperatorLoad extends Load {

    static final long COMMIT_CENTS = 10_000;
    private static final Duration KNOWN_WITHIN = Duration.ofSeconds(120);

    private final String key;
    private final String operator;
    private final String measure;
    private final Queue<ContractLoad.Action> actions;
    private final List<ContractLoad.Action> mine = new java.util.ArrayList<>();

    OperatorLoad(Api api, Acks acks, String run, AtomicBoolean stopping, String key, String operator, String measure,
                 Queue<ContractLoad.Action> actions) {
        super(api, acks, run, stopping);
        this.key = key;
        this.operator = operator;
        this.measure = measure;
        this.actions = actions;
    }

    @Override
    String name() {
        return "operator " + operator;
    }

    @Override
    boolean step(long n) {
        refresh();
        if (mine.isEmpty()) {
            pause(200);
            return true;
        }
        ContractLoad.Action action = mine.get((int) (n % mine.size()));
        String reference = "CHAOS-" + run + "-" + operator + "-" + n;
        acks.unanswered(Kind.COMMITMENT, reference);
        String body = """
                {"actionId":"%s","measureCode":"%s","amountCents":%d,"effectiveDate":"2020-03-10",
                 "decisionReference":"%s","beneficiaryName":"Bénéficiaire d'essai","beneficiarySiret":"20003573100013"}"""
                .formatted(action.id(), measure, COMMIT_CENTS, reference);
        Api.Answer a = api.until("POST", "/api/v1/funding/commitments", key, reference, null, body,
                r -> !Api.transientFailure(r) && !unknownAction(r), KNOWN_WITHIN);
        ContractLoad.check(a, 201, "commit " + reference);
        acks.acknowledged(Kind.COMMITMENT, reference);
        long commitment = commitmentAccount(a.json());

        String payment = "CHAOS-" + run + "-" + operator + "-pay-" + n;
        acks.unanswered(Kind.DISBURSEMENT, payment);
        Api.Answer paid = api.write("POST", "/api/v1/funding/commitments/" + commitment + "/disbursements", key, payment,
                null, "{\"amountCents\":%d,\"effectiveDate\":\"2020-09-01\",\"reference\":\"%s\"}"
                        .formatted(COMMIT_CENTS / 2, payment), PATIENCE);
        ContractLoad.check(paid, 201, "disburse " + payment);
        acks.acknowledged(Kind.DISBURSEMENT, payment);
        pause(50);
        return true;
    }

    /** Fiches-actions of this operator's measure, once a second has passed since their creation. */
    private void refresh() {
        long ripe = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        for (ContractLoad.Action a : actions) {
            if (a.measure().equals(measure) && a.createdAt() < ripe && !mine.contains(a)) {
                mine.add(a);
            }
        }
    }

    private static boolean unknownAction(Api.Answer a) {
        return (a.status() == 404 || a.status() == 409 || a.status() == 422) && a.body().contains("action");
    }

    private static long commitmentAccount(JsonNode created) {
        for (JsonNode account : created.path("accounts")) {
            if ("COMMITMENT".equals(account.path("kind").asText())) {
                return account.path("id").asLong();
            }
        }
        throw new AssertionError("no commitment account in " + created);
    }
}
