package fr.gouv.ti.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import fr.gouv.ti.e2e.chaos.Acks.Kind;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A region and a territory team on one territory: the region opens the contract, the team adds fiches-actions
 * (Idempotency-Key, retried), the region signs the protocol after the third, the contract after the sixth, and an
 * amendment every fifth after that (If-Match; after a lost answer the contract is read again and the transition,
 * found by its document reference, counts as acknowledged).
 */
final class ContractLoad extends Load {

    /** A fiche-action the operators may commit on, with the measure it is financed under. */
    record Action(String id, String measure, long createdAt) {
    }

    private final String region;
    private final String team;
    private final String tiId;
    private final List<String> epcis;
    private final Queue<Action> actions;
    private String contractId;
    private int signed;

    ContractLoad(Api api, Acks acks, String run, AtomicBoolean stopping, String region, String team, String tiId,
                 List<String> epcis, Queue<Action> actions) {
        super(api, acks, run, stopping);
        this.region = region;
        this.team = team;
        this.tiId = tiId;
        this.epcis = epcis;
        this.actions = actions;
    }

    @Override
    String name() {
        return "region and team of " + tiId;
    }

    String contractId() {
        return contractId;
    }

    @Override
    boolean step(long n) {
        if (contractId == null) {
            Api.Answer a = api.write("POST", "/api/v1/contracts", region, run + "-open-" + tiId, null,
                    "{\"phase\":\"2019-2022\",\"tiId\":\"" + tiId + "\"}", PATIENCE);
            check(a, 201, "open the contract of " + tiId);
            contractId = a.json().get("contractId").asText();
            acks.acknowledged(Kind.CONTRACT, contractId);
            return true;
        }
        addAction(n);
        long added = n; // step 1 is the first fiche-action
        if (added == 3 && signed == 0) {
            transition("protocol-signature", "PROTOCOLE-" + run + "-" + tiId, "2019-07-04", "");
            signed = 1;
        } else if (added == 6 && signed == 1) {
            transition("contract-signature", "CONTRAT-" + run + "-" + tiId, "2019-12-02", "");
            signed = 2;
        } else if (signed == 2 && added % 5 == 0) {
            transition("amendments", "AVENANT-" + run + "-" + tiId + "-" + added, "2021-03-01",
                    ",\"changes\":{\"summary\":\"Avenant d'essai de panne " + added + "\"}");
        }
        pause(150);
        return true;
    }

    private void addAction(long n) {
        boolean recruter = n % 2 == 0;
        String measure = recruter ? "RECRUTER-01" : "ATTIRER-01";
        String title = "CHAOS " + run + " " + tiId + " " + n;
        String epci = epcis.get((int) (n % epcis.size()));
        String marker = title;
        acks.unanswered(Kind.ACTION, marker);
        Api.Answer a = api.write("POST", "/api/v1/contracts/" + contractId + "/actions", team, run + "-action-" + tiId + "-" + n,
                null, """
                        {"title":"%s","description":"Fiche-action d'un essai de panne","axis":"%s","measureCodes":["%s"],
                         "actionDate":"2020-02-03","leadOrganisation":{"name":"EPCI %s","siren":"%s"},
                         "epciSiren":"%s","estimatedCostCents":100000000,"requestedFunding":[]}"""
                        .formatted(title, recruter ? "RECRUTER" : "ATTIRER", measure, epci, epci, epci), PATIENCE);
        check(a, 201, "add fiche-action " + title);
        acks.acknowledged(Kind.ACTION, marker);
        actions.add(new Action(a.json().get("actionId").asText(), measure, System.nanoTime()));
    }

    /** A transition under If-Match; a lost answer is resolved by reading the contract's transitions. */
    private void transition(String step, String reference, String date, String extra) {
        acks.unanswered(Kind.TRANSITION, reference);
        String signatories = epcis.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(","));
        String body = """
                {"effectiveDate":"%s","documentReference":"%s","signatories":{"epcis":[%s],"region":"%s"}%s}"""
                .formatted(date, reference, signatories, tiId.substring(3, 5), extra);
        String contract = "/api/v1/contracts/" + contractId;
        api.writeOnce("POST", contract + "/" + step, region, body, contract, contract, c -> recorded(c, reference), PATIENCE);
        acks.acknowledged(Kind.TRANSITION, reference);
    }

    private static boolean recorded(JsonNode contract, String reference) {
        for (JsonNode t : contract.path("transitions")) {
            if (reference.equals(t.path("documentReference").asText())) {
                return true;
            }
        }
        return false;
    }

    static void check(Api.Answer a, int expected, String what) {
        if (a.status() != expected) {
            throw new AssertionError(what + ": " + a.status() + " " + a.body());
        }
    }
}
