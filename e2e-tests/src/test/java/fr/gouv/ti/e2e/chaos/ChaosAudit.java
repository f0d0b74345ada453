package fr.gouv.ti.e2e.chaos;

import fr.gouv.ti.e2e.chaos.Acks.Kind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The audit once everything has converged. Lost: a write a client saw acknowledged that storage does not hold.
 * Duplicated: a write held more than once. Diverged: an event not sent or not processed by a consumer of its topic,
 * or a projection that disagrees with its source. Invariant violations: the ledger's own rules.
 */
final class ChaosAudit {

    final List<String> lost = new ArrayList<>();
    final List<String> duplicated = new ArrayList<>();
    final List<String> diverged = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final Map<Kind, Integer> checked = new HashMap<>();

    boolean clean() {
        return lost.isEmpty() && duplicated.isEmpty() && diverged.isEmpty() && violations.isEmpty();
    }

    String summary() {
        return "lost: %d, duplicated: %d, diverged: %d, invariant violations: %d"
                .formatted(lost.size(), duplicated.size(), diverged.size(), violations.size());
    }

    /** Copies in storage of each acknowledged (exactly one) and unanswered (at most one) write of a kind. */
    void writes(Kind kind, Acks acks, Map<String, String> copiesByMarker) {
        checked.put(kind, acks.of(kind).size());
        for (String marker : acks.of(kind)) {
            int copies = Integer.parseInt(copiesByMarker.getOrDefault(marker, "0"));
            if (copies == 0) {
                lost.add(kind + " " + marker);
            } else if (copies > 1) {
                duplicated.add(kind + " " + marker + " (" + copies + " copies)");
            }
        }
        copiesByMarker.forEach((marker, copies) -> {
            if (Integer.parseInt(copies) > 1 && !acks.of(kind).contains(marker)) {
                duplicated.add(kind + " " + marker + " (" + copies + " copies, never acknowledged)");
            }
        });
    }

    void events() throws SQLException {
        long unsent = Convergence.unsent();
        if (unsent > 0) {
            diverged.add(unsent + " events still in an outbox");
        }
        Convergence.missing().forEach((flow, ids) ->
                diverged.add(ids.size() + " events of " + flow + " not processed, e.g. " + ids.iterator().next()));
    }

    /** Territory summaries against contract-service and the ledger; fiches-actions' money against the ledger. */
    void projections(List<String> territories, Set<String> actionIds) throws SQLException {
        for (String ti : territories) {
            Map<String, String> contract = Sql.pairs("contract", """
                    select 'state', state from contract where phase = '2019-2022' and ti_id = ? and state <> 'ABANDONED'
                    union all select 'actions', count(*)::text from action a join contract c on c.id = a.contract_id
                     where c.phase = '2019-2022' and c.ti_id = ? and c.state <> 'ABANDONED'""", ti, ti);
            Map<String, String> money = Sql.pairs("funding", """
                    select 'allocated', allocated_cents::text from territory_totals where phase = '2019-2022' and ti_id = ?
                    union all select 'committed', committed_cents::text from territory_totals where phase = '2019-2022' and ti_id = ?
                    union all select 'disbursed', disbursed_cents::text from territory_totals where phase = '2019-2022' and ti_id = ?""",
                    ti, ti, ti);
            Map<String, String> summary = Sql.pairs("territory", """
                    select 'state', contract_state from territory_summary where phase = '2019-2022' and ti_id = ?
                    union all select 'actions', action_count::text from territory_summary where phase = '2019-2022' and ti_id = ?
                    union all select 'allocated', allocated_cents::text from territory_summary where phase = '2019-2022' and ti_id = ?
                    union all select 'committed', committed_cents::text from territory_summary where phase = '2019-2022' and ti_id = ?
                    union all select 'disbursed', disbursed_cents::text from territory_summary where phase = '2019-2022' and ti_id = ?""",
                    ti, ti, ti, ti, ti);
            compare("summary of " + ti + " vs contract-service", contract, summary, "state", "actions");
            compare("summary of " + ti + " vs the ledger", money, summary, "allocated", "committed", "disbursed");
        }
        Map<String, String> inContract = Sql.pairs("contract",
                "select id::text, committed_cents || '/' || disbursed_cents from action where id::text = any (?)",
                (Object) actionIds.toArray(String[]::new));
        Map<String, String> inLedger = Sql.pairs("funding",
                "select action_id, committed_cents || '/' || disbursed_cents from action_totals where action_id = any (?)",
                (Object) actionIds.toArray(String[]::new));
        for (String id : actionIds) {
            String ledger = inLedger.getOrDefault(id, "0/0");
            if (!ledger.equals(inContract.getOrDefault(id, "0/0"))) {
                diverged.add("fiche-action " + id + ": contract-service has " + inContract.get(id) + ", the ledger " + ledger);
            }
        }
    }

    private void compare(String what, Map<String, String> source, Map<String, String> projection, String... keys) {
        for (String k : keys) {
            if (!Objects.equals(source.getOrDefault(k, "0"), projection.getOrDefault(k, "0"))) {
                diverged.add(what + ": " + k + " " + source.get(k) + " at the source, " + projection.get(k) + " projected");
            }
        }
    }

    /** Zero-sum, balanced transactions, balances equal to their entries, nothing beyond its limit. */
    void ledger() throws SQLException {
        check("the ledger sums to zero", Sql.count("funding", "select coalesce(sum(amount_cents), 0) from ledger_entry"));
        check("unbalanced transactions", Sql.count("funding",
                "select count(*) from (select tx_id from ledger_entry group by tx_id having sum(amount_cents) <> 0) t"));
        check("accounts whose balance is not the sum of their entries", Sql.count("funding", """
                select count(*) from account a left join (
                  select account_id, sum(amount_cents) filter (where side = 'U') u, -sum(amount_cents) filter (where side = 'D') d
                    from ledger_entry group by account_id) e on e.account_id = a.id
                 where a.inflow_cents <> coalesce(e.u, 0) or a.outflow_cents <> coalesce(e.d, 0)"""));
        check("accounts beyond their limit", Sql.count("funding",
                "select count(*) from account where kind <> 'WORLD' and outflow_cents > inflow_cents"));
        check("programme beyond EUR 1.36bn", Sql.count("funding",
                "select count(*) from account where kind = 'PROGRAMME' and inflow_cents > 136000000000"));
        check("territories committed beyond allocated or disbursed beyond committed", Sql.count("funding",
                "select count(*) from territory_totals where committed_cents > allocated_cents or disbursed_cents > committed_cents"));
    }

    private void check(String what, long found) {
        if (found != 0) {
            violations.add(what + ": " + found);
        }
    }

    void deadLetters(Map<String, Long> before, Map<String, Long> after) {
        after.forEach((topic, n) -> {
            long added = n - before.getOrDefault(topic, 0L);
            if (added > 0) {
                diverged.add(added + " records dead-lettered to " + topic);
            }
        });
    }
}
