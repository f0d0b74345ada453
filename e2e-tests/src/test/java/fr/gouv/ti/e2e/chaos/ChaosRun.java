package fr.gouv.ti.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.gouv.ti.e2e.Programme;
import fr.gouv.ti.e2e.chaos.Acks.Kind;
import fr.gouv.ti.localstack.LocalStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One chaos run: the mixed load through the gateway, the kills drawn from the seed, then, once the load has stopped
 * and everything has converged, the audit. Used by the short round of the end-to-end tests and by bench/chaos.sh.
 */
final class ChaosRun {

    /** What a run does; the seed alone decides the order and moments of the kills. */
    record Settings(long seed, int rounds, List<String> targets, Duration between, boolean adminLoad) {
    }

    /** What the report shows. */
    record Result(Settings settings, String run, List<Faults.Kill> kills, List<Load> loads, Api api, Acks acks,
                  Duration convergedIn, Duration took, ChaosAudit audit) {
    }

    static final List<String> CONTRACT_TERRITORIES = List.of("ti-8402", "ti-8404", "ti-8405"); // not ti-8403: WebhooksIT opens its contract
    static final String PERIMETER_TERRITORY = "ti-8406";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final LocalStack stack;
    private final Settings settings;
    private final Api api;
    private final String admin;
    private final String run;

    ChaosRun(LocalStack stack, Settings settings) {
        this.stack = stack;
        this.settings = settings;
        this.api = new Api(stack.gatewayUrl());
        this.admin = stack.adminKey();
        this.run = "s" + Long.toUnsignedString(settings.seed(), 36);
    }

    Result execute() throws Exception {
        long t0 = System.nanoTime();
        Acks acks = new Acks();
        AtomicBoolean stopping = new AtomicBoolean();
        Queue<ContractLoad.Action> actions = new ConcurrentLinkedQueue<>();
        String franceTravail = key("France Travail SI (chaos " + run + ")", "operator", "\"operatorCode\":\"FRANCE_TRAVAIL\"");
        String ademe = key("ADEME SI (chaos " + run + ")", "operator", "\"operatorCode\":\"ADEME\"");
        fund(Map.of("FRANCE_TRAVAIL", franceTravail, "ADEME", ademe));
        String region = key("Région Auvergne-Rhône-Alpes (chaos " + run + ")", "region", "\"regionCode\":\"84\"");
        List<Load> loads = new ArrayList<>();
        for (String ti : CONTRACT_TERRITORIES) {
            String team = key("Equipe " + ti + " (chaos " + run + ")", "territory-team",
                    "\"phase\":\"2019-2022\",\"tiId\":\"" + ti + "\"");
            loads.add(new ContractLoad(api, acks, run, stopping, region, team, ti, sirens(ti), actions));
        }
        loads.add(new OperatorLoad(api, acks, run, stopping, franceTravail, "FRANCE_TRAVAIL", "RECRUTER-01", actions));
        loads.add(new OperatorLoad(api, acks, run, stopping, ademe, "ADEME", "ATTIRER-01", actions));
        long versionBefore = perimeterVersion();
        AdminLoad adminLoad = null;
        if (settings.adminLoad()) {
            adminLoad = new AdminLoad(api, acks, run, stopping, admin, "2019-2022/" + PERIMETER_TERRITORY, members(PERIMETER_TERRITORY));
            loads.add(adminLoad);
        }
        loads.add(new ReadLoad(api, acks, run, stopping, CONTRACT_TERRITORIES));
        Map<String, Long> deadBefore = DeadLetters.count(stack.kafkaBootstrapServers());

        List<Thread> threads = new ArrayList<>();
        for (Load l : loads) {
            Thread t = new Thread(l, "chaos " + l.name());
            t.start();
            threads.add(t);
        }
        Faults faults = new Faults(stack, api, admin, settings.seed());
        try {
            faults.rounds(settings.rounds(), settings.targets(), settings.between());
            Thread.sleep(settings.between().toMillis()); // load on the recovered suite before stopping
        } finally {
            stopping.set(true);
            for (Thread t : threads) {
                t.join(Duration.ofMinutes(4).toMillis());
            }
        }
        Duration converged = Convergence.await(Duration.ofMinutes(3));

        ChaosAudit audit = new ChaosAudit();
        String like = "%" + run + "%";
        audit.writes(Kind.CONTRACT, acks, Sql.pairs("contract", "select id::text, count(*) from contract where id::text = any (?) group by id",
                (Object) acks.of(Kind.CONTRACT).toArray(String[]::new)));
        audit.writes(Kind.ACTION, acks, Sql.pairs("contract", "select title, count(*) from action where title like ? group by title", like));
        audit.writes(Kind.TRANSITION, acks, Sql.pairs("contract",
                "select document_reference, count(*) from contract_transition where document_reference like ? group by 1", like));
        Map<String, String> ledger = Sql.pairs("funding",
                "select reference, count(*) from ledger_transaction where reference like ? group by reference", like);
        audit.writes(Kind.COMMITMENT, acks, only(ledger, "-pay-", false));
        audit.writes(Kind.DISBURSEMENT, acks, only(ledger, "-pay-", true));
        audit.writes(Kind.MEASURE, acks, Sql.pairs("measure", """
                select title_fr, count(*) from measure_entry
                 where title_fr like ? and version_id = (select id from catalogue_version order by number desc limit 1)
                 group by title_fr""", like));
        audit.writes(Kind.PUBLICATION, acks, Sql.pairs("measure",
                "select number::text, count(*) from catalogue_version where status = 'PUBLISHED' group by number"));
        if (adminLoad != null) {
            long moved = perimeterVersion() - versionBefore;
            if (moved != adminLoad.perimeterChanges()) {
                audit.duplicated.add("perimeter of " + PERIMETER_TERRITORY + ": version moved by " + moved + " for "
                        + adminLoad.perimeterChanges() + " changes acknowledged");
            }
        }
        audit.events();
        audit.projections(CONTRACT_TERRITORIES, actions.stream().map(ContractLoad.Action::id).collect(Collectors.toSet()));
        audit.ledger();
        audit.deadLetters(deadBefore, DeadLetters.count(stack.kafkaBootstrapServers()));
        return new Result(settings, run, faults.kills, loads, api, acks, converged, Duration.ofNanos(System.nanoTime() - t0), audit);
    }

    private static Map<String, String> only(Map<String, String> copies, String part, boolean with) {
        return copies.entrySet().stream().filter(e -> e.getKey().contains(part) == with)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private long perimeterVersion() throws Exception {
        return Sql.count("territory", "select version from territory where phase = '2019-2022' and ti_id = ?", PERIMETER_TERRITORY);
    }

    /** The source, the two operators' lines and their allocations on the chaos territories. */
    private void fund(Map<String, String> operatorKeys) {
        Api.Answer pic = api.write("PUT", "/api/v1/funding/programme/sources/PIC", admin, run + "-pic", null,
                "{\"amountCents\":20000000000,\"effectiveDate\":\"2019-01-15\",\"reason\":\"PIC, essais de panne\"}", PATIENCE);
        if (pic.status() != 201 && pic.status() != 422) {
            throw new AssertionError("PIC source: " + pic.status() + " " + pic.body());
        }
        String[][] operators = {{"FRANCE_TRAVAIL", "RECRUTER-01"}, {"ADEME", "ATTIRER-01"}};
        for (String[] op : operators) {
            ContractLoad.check(api.write("POST", "/api/v1/funding/operator-lines", admin, run + "-line-" + op[0], null,
                    "{\"operator\":\"%s\",\"sourceCode\":\"PIC\",\"amountCents\":2000000000,\"effectiveDate\":\"2019-03-05\"}"
                            .formatted(op[0]), PATIENCE), 201, "operator line " + op[0]);
            for (String ti : CONTRACT_TERRITORIES) {
                Programme.ledgerKnows(ti, op[1]);
                ContractLoad.check(api.write("POST", "/api/v1/funding/allocations", operatorKeys.get(op[0]), run + "-alloc-" + op[0] + ti, null, """
                        {"operator":"%s","phase":"2019-2022","tiId":"%s","regionCode":"84","measureCode":"%s",
                         "amountCents":300000000,"effectiveDate":"2020-01-20"}""".formatted(op[0], ti, op[1]), PATIENCE),
                        201, "allocation " + op[0] + " " + ti);
            }
        }
    }

    private String key(String name, String role, String scope) {
        Api.Answer a = api.write("POST", "/api/v1/admin/api-keys", admin, null, null,
                "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"," + scope + "}", PATIENCE);
        ContractLoad.check(a, 201, "API key " + name);
        return a.json().get("key").asText();
    }

    private List<String> sirens(String ti) {
        List<String> out = new ArrayList<>();
        members(ti).forEach(m -> out.add(m.get("siren").asText()));
        return out;
    }

    /** The territory's current perimeter as a perimeter change's members. */
    private ArrayNode members(String ti) {
        JsonNode t = api.read("/api/v1/territories/2019-2022/" + ti, null, PATIENCE).json();
        ArrayNode members = Api.JSON.createArrayNode();
        for (JsonNode m : t.path("perimeter")) {
            ObjectNode input = members.addObject();
            for (String f : List.of("siren", "name", "officialName", "nature", "departmentCodes")) {
                if (m.hasNonNull(f)) {
                    input.set(f, m.get(f));
                }
            }
        }
        return members;
    }
}
