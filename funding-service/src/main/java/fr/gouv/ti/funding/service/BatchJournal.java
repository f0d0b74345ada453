package fr.gouv.ti.funding.service;

import fr.gouv.ti.funding.domain.BalanceRepository;
import fr.gouv.ti.funding.domain.JournalRepository;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the movements a batch accepted: their transactions and entries in two statements, then the totals of each
 * territory and fiche-action they touch, locked once and moved once by their net delta. Each movement still gets
 * the totals as they stood just after it (its event carries them, and consumers overwrite with the last one).
 */
@ApplicationScoped
public class BatchJournal {

    private final JournalRepository journal;
    private final BalanceRepository balances;

    public BatchJournal(JournalRepository journal, BalanceRepository balances) {
        this.journal = journal;
        this.balances = balances;
    }

    /** Returns one {@link Posted} per accepted movement, in the same order. Runs in the batch's transaction. */
    public List<Posted> write(List<Accepted> accepted, List<String> correlationIds) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        List<LedgerTransaction> recorded = journal.insertAll(accepted.stream().map(Accepted::tx).toList(),
                correlationIds);
        Map<String, String[]> territories = new LinkedHashMap<>();
        Set<String> actions = new LinkedHashSet<>();
        for (Accepted a : accepted) {
            territories.putIfAbsent(a.territoryKey(),
                    new String[]{a.tx().phase(), a.tx().tiId(), a.tx().regionCode()});
            if (a.tx().actionId() != null) {
                actions.add(a.tx().actionId());
            }
        }
        // accounts first (already locked by the caller), then territories, then fiches-actions: the global order
        Map<String, Totals.Territory> territory = new HashMap<>(balances.lockTerritories(territories));
        Map<String, Totals.Action> action = new HashMap<>(balances.lockActions(actions));
        Map<String, long[]> territoryDelta = new HashMap<>();
        Map<String, long[]> actionDelta = new HashMap<>();
        List<Posted> out = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            Accepted a = accepted.get(i);
            Totals.Territory t = territory.get(a.territoryKey());
            t = new Totals.Territory(t.allocatedCents() + a.allocatedCents(), t.committedCents() + a.committedCents(),
                    t.disbursedCents() + a.disbursedCents());
            territory.put(a.territoryKey(), t);
            add(territoryDelta, a.territoryKey(), a.allocatedCents(), a.committedCents(), a.disbursedCents());
            Totals.Action at = null;
            if (a.tx().actionId() != null) {
                Totals.Action before = action.get(a.tx().actionId());
                at = new Totals.Action(before.committedCents() + a.committedCents(),
                        before.disbursedCents() + a.disbursedCents());
                action.put(a.tx().actionId(), at);
                add(actionDelta, a.tx().actionId(), a.committedCents(), a.disbursedCents());
            }
            out.add(new Posted(recorded.get(i), a.accountsAfter(), t, at));
        }
        balances.addToTerritories(territoryDelta);
        balances.addToActions(actionDelta);
        return out;
    }

    private static void add(Map<String, long[]> deltas, String key, long... values) {
        long[] d = deltas.computeIfAbsent(key, k -> new long[values.length]);
        for (int i = 0; i < values.length; i++) {
            d[i] = Math.addExact(d[i], values[i]);
        }
    }
}
