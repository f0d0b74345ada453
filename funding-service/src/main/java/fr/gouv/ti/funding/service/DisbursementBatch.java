package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.AccountKind;
import fr.gouv.ti.funding.domain.AccountRepository;
import fr.gouv.ti.funding.domain.Entry;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;
import fr.gouv.ti.funding.domain.TransactionKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Judges a batch of disbursements set-based: one locking read of their commitments (level 5) and one of the accounts
 * of what was disbursed on them (level 6), then each payment in arrival order on the balances its predecessors left.
 */
@ApplicationScoped
public class DisbursementBatch {

    private final AccountRepository accounts;

    public DisbursementBatch(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** For each request, in order: an {@link Accepted} or the {@link ProblemException} that refuses it. */
    public List<Object> judge(List<LedgerRequest> requests) {
        int n = requests.size();
        List<Object> out = new ArrayList<>(Collections.nCopies(n, null));
        Map<Long, Account> commitments = accounts.lock(requests.stream()
                .map(r -> disbursement(r).commitmentId()).distinct().toList());
        for (int i = 0; i < n; i++) {
            long id = disbursement(requests.get(i)).commitmentId();
            Account c = commitments.get(id);
            try {
                if (c == null || c.kind() != AccountKind.COMMITMENT) {
                    throw ProblemException.notFound("No commitment " + id + ".");
                }
                FundingService.requireOwnResource(requests.get(i).caller(), c.operator(), "No commitment " + id + ".");
            } catch (ProblemException p) {
                out.set(i, p);
            }
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (out.get(i) == null) {
                codes.add(AccountRepository.disbursedCode(disbursement(requests.get(i)).commitmentId()));
            }
        }
        Map<String, Account> disbursed = accounts.lockByCodes(codes.stream().distinct().toList());

        Map<Long, Account> balances = new HashMap<>(commitments);
        disbursed.values().forEach(a -> balances.put(a.id(), a));
        Map<String, Long> placeholders = new LinkedHashMap<>();
        Map<String, AccountRepository.NewAccount> opening = new LinkedHashMap<>();
        List<Integer> accepted = new ArrayList<>();
        List<List<Entry>> entries = new ArrayList<>(Collections.nCopies(n, null));
        List<List<Account>> after = new ArrayList<>(Collections.nCopies(n, null));
        for (int i = 0; i < n; i++) {
            if (out.get(i) != null) {
                continue;
            }
            Movement.Disbursement d = disbursement(requests.get(i));
            Account commitment = commitments.get(d.commitmentId());
            String code = AccountRepository.disbursedCode(commitment.id());
            Account paid = disbursed.get(code);
            long paidId = paid != null ? paid.id() : placeholders.computeIfAbsent(code, k -> -1L - placeholders.size());
            balances.putIfAbsent(paidId, new Account(paidId, AccountKind.DISBURSED, code, commitment.id(),
                    commitment.operator(), null, commitment.phase(), commitment.tiId(), commitment.regionCode(),
                    commitment.measureCode(), commitment.actionId(), null, null, null, null, null, 0, 0));
            List<Entry> e = List.of(new Entry(commitment.id(), 'D', -d.amountCents()),
                    new Entry(paidId, 'U', d.amountCents()));
            try {
                after.set(i, Ledger.apply(balances, e));
                entries.set(i, e);
                accepted.add(i);
                if (paid == null) {
                    Account a = balances.get(paidId);
                    opening.putIfAbsent(code, new AccountRepository.NewAccount(AccountKind.DISBURSED, code,
                            a.parentId(), a.operator(), a.phase(), a.tiId(), a.regionCode(), a.measureCode(),
                            a.actionId(), null, null, null, null, null));
                }
            } catch (ProblemException p) {
                out.set(i, p);
            }
        }
        // the disbursement accounts that older commitments lack, opened only where a payment was accepted
        Map<Long, Long> ids = new HashMap<>();
        accounts.openAll(List.copyOf(opening.values())).forEach((code, id) -> ids.put(placeholders.get(code), id));
        for (int i : accepted) {
            Movement.Disbursement d = disbursement(requests.get(i));
            Account c = commitments.get(d.commitmentId());
            List<Entry> e = entries.get(i).stream()
                    .map(x -> new Entry(ids.getOrDefault(x.accountId(), x.accountId()), x.side(), x.amountCents()))
                    .toList();
            List<Account> a = after.get(i).stream()
                    .map(x -> ids.containsKey(x.id()) ? withId(x, ids.get(x.id())) : x).toList();
            LedgerTransaction tx = new LedgerTransaction(0, UUID.randomUUID(), TransactionKind.DISBURSED,
                    d.effectiveDate(), null, d.amountCents(), null, d.reference(), null, null, c.operator(), null,
                    c.phase(), c.tiId(), c.regionCode(), c.measureCode(), c.actionId(),
                    requests.get(i).caller().clientId(), e);
            out.set(i, new Accepted(i, tx, a, new Totals.Territory(0, 0, d.amountCents())));
        }
        return out;
    }

    private static Account withId(Account a, long id) {
        return new Account(id, a.kind(), a.code(), a.parentId(), a.operator(), a.sourceCode(), a.phase(), a.tiId(),
                a.regionCode(), a.measureCode(), a.actionId(), a.beneficiaryName(), a.beneficiarySiret(),
                a.decisionReference(), a.object(), a.instrument(), a.inflowCents(), a.outflowCents());
    }

    private static Movement.Disbursement disbursement(LedgerRequest r) {
        return (Movement.Disbursement) r.movement();
    }
}
