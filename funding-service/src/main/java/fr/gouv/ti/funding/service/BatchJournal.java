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
        Map<String, Totals.Place> places = new LinkedHashMap<>();
        Set<String> actions = new LinkedHashSet<>();
        for (Accepted a : accepted) {
            places.putIfAbsent(a.territoryKey(), new Totals.Place(a.tx().phase(), a.tx().tiId(), a.tx().regionCode()));
            if (a.tx().actionId() != null) {
                actions.add(a.tx().actionId());
            }
        }
        // accounts first (already locked by the caller), then territories, then fiches-actions: the global order
        Map<String, Totals.Territory> territory = new HashMap<>(balances.lockTerritories(places.values()));
        Map<String, Totals.Action> action = new HashMap<>(balances.lockActions(actions));
        Map<Totals.Place, Totals.Territory> territoryDelta = new HashMap<>();
        Map<String, Totals.Action> actionDelta = new HashMap<>();
        List<Posted> out = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            Accepted a = accepted.get(i);
            Totals.Territory t = territory.merge(a.territoryKey(), a.territoryDelta(), Totals.Territory::plus);
            territoryDelta.merge(places.get(a.territoryKey()), a.territoryDelta(), Totals.Territory::plus);
            Totals.Action at = null;
            if (a.tx().actionId() != null) {
                at = action.merge(a.tx().actionId(), a.actionDelta(), Totals.Action::plus);
                actionDelta.merge(a.tx().actionId(), a.actionDelta(), Totals.Action::plus);
            }
            out.add(new Posted(recorded.get(i), a.accountsAfter(), t, at));
        }
        balances.addToTerritories(territoryDelta);
        balances.addToActions(actionDelta);
        return out;
    }
}
