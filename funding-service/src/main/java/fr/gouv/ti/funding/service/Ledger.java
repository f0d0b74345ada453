package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.correlation.Correlation;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.AccountKind;
import fr.gouv.ti.funding.domain.Entry;
import fr.gouv.ti.funding.domain.AccountRepository;
import fr.gouv.ti.funding.domain.JournalRepository;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The posting engine. Every movement goes through {@link #post}: it locks the accounts in the global order,
 * checks every invariant on the balances the transaction would produce (so a refusal names the limit and the
 * excess), then writes the transaction and its entries; the database trigger moves the balances and the CHECK
 * constraints stand behind the Java checks.
 */
@ApplicationScoped
public class Ledger {

    /** EUR 1,360,000,000.00. */
    public static final long PROGRAMME_CEILING_CENTS = 136_000_000_000L;

    private final AccountRepository accounts;
    private final JournalRepository journal;

    public Ledger(AccountRepository accounts, JournalRepository journal) {
        this.accounts = accounts;
        this.journal = journal;
    }

    /** The transaction as recorded (with its sequence number and recording time) and the accounts after it. */
    public record Posting(LedgerTransaction tx, List<Account> accounts) {
    }

    /** Locks the accounts touched by the entries, parents first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Account> lock(List<Entry> entries) {
        List<Long> ids = entries.stream().map(Entry::accountId).distinct().toList();
        Map<Long, Account> locked = accounts.lock(ids);
        if (locked.size() != ids.size()) {
            throw new IllegalStateException("account vanished while locking " + ids);
        }
        return locked;
    }

    /**
     * Checks the invariants on the locked accounts, writes the transaction, and returns the accounts as they are
     * after it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Posting post(LedgerTransaction tx, Map<Long, Account> locked) {
        List<Account> after = apply(new HashMap<>(locked), tx.entries());
        return new Posting(journal.insertTransaction(tx, Correlation.current()), after);
    }

    /**
     * Applies balanced entries to balances held in memory under their row locks: returns the accounts after them
     * and updates {@code balances}, or throws the problem that names the limit an entry would break and leaves
     * {@code balances} as they were. The batch writer applies its items one after the other this way, in arrival
     * order, so each is judged on the balances its predecessors left.
     */
    public static List<Account> apply(Map<Long, Account> balances, List<Entry> entries) {
        long sum = 0;
        Map<Long, long[]> delta = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.amountCents() == 0) {
                throw new IllegalStateException("zero entry");
            }
            sum = Math.addExact(sum, e.amountCents());
            long[] d = delta.computeIfAbsent(e.accountId(), k -> new long[2]);
            d[0] = Math.addExact(d[0], e.inflowDelta());
            d[1] = Math.addExact(d[1], e.outflowDelta());
        }
        if (sum != 0 || entries.size() < 2) {
            throw new IllegalStateException("unbalanced transaction " + entries);
        }
        List<Account> after = new ArrayList<>();
        for (Map.Entry<Long, long[]> d : delta.entrySet()) {
            Account before = balances.get(d.getKey());
            if (before == null) {
                throw new IllegalStateException("account " + d.getKey() + " is not locked");
            }
            Account next = before.withFlows(Math.addExact(before.inflowCents(), d.getValue()[0]),
                    Math.addExact(before.outflowCents(), d.getValue()[1]));
            check(before, next);
            after.add(next);
        }
        after.forEach(a -> balances.put(a.id(), a));
        return after;
    }

    private static void check(Account before, Account next) {
        if (next.kind() == AccountKind.PROGRAMME && next.inflowCents() > PROGRAMME_CEILING_CENTS) {
            long excess = next.inflowCents() - PROGRAMME_CEILING_CENTS;
            throw ProblemException.conflict("programme-ceiling-exceeded", "Programme ceiling exceeded",
                            "The source lines would total " + Money.format(next.inflowCents())
                                    + " EUR, above the programme envelope of " + Money.format(PROGRAMME_CEILING_CENTS)
                                    + " EUR, by " + Money.format(excess) + " EUR.")
                    .with("limit", "PROGRAMME_CEILING")
                    .with("accountId", next.id())
                    .with("limitCents", PROGRAMME_CEILING_CENTS)
                    .with("resultingCents", next.inflowCents())
                    .with("excessCents", excess);
        }
        if (next.kind() != AccountKind.WORLD && next.outflowCents() > next.inflowCents()) {
            long excess = next.outflowCents() - next.inflowCents();
            String[] words = switch (next.kind()) {
                case PROGRAMME, SOURCE -> new String[]{"source-line-exceeded", "SOURCE_LINE",
                        "Operator lines funded from " + next.code(), "the amount entered for the source line"};
                case LINE -> new String[]{"operator-line-exceeded", "OPERATOR_LINE",
                        "Allocations on the line of " + next.operator(), "the line's amount"};
                case ALLOCATION -> new String[]{"allocation-exceeded", "ALLOCATION",
                        "Commitments on allocation " + next.code(), "the allocated amount"};
                case COMMITMENT -> new String[]{"commitment-exceeded", "COMMITMENT",
                        "Disbursements on commitment " + next.id() + " (fiche-action " + next.actionId() + ")",
                        "the committed amount"};
                default -> new String[]{"ledger-invariant", "ACCOUNT", "Outflow of " + next.code(), "its inflow"};
            };
            throw ProblemException.conflict(words[0], "Limit exceeded: " + words[1].toLowerCase().replace('_', ' '),
                            words[2] + " would reach " + Money.format(next.outflowCents()) + " EUR, above "
                                    + words[3] + " (" + Money.format(next.inflowCents()) + " EUR) by "
                                    + Money.format(excess) + " EUR; available before this request: "
                                    + Money.format(before.availableCents()) + " EUR.")
                    .with("limit", words[1])
                    .with("accountId", next.id())
                    .with("accountCode", next.code())
                    .with("limitCents", next.inflowCents())
                    .with("resultingCents", next.outflowCents())
                    .with("availableCents", before.availableCents())
                    .with("excessCents", excess);
        }
        if (next.inflowCents() < 0 || next.outflowCents() < 0) {
            throw ProblemException.conflict("ledger-invariant", "Ledger invariant",
                            "This movement would leave account " + next.code() + " with a negative balance.")
                    .with("limit", "NON_NEGATIVE")
                    .with("accountId", next.id())
                    .with("excessCents", -Math.min(next.inflowCents(), next.outflowCents()));
        }
    }
}
