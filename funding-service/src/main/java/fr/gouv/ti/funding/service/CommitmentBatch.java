package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.AccountKind;
import fr.gouv.ti.funding.domain.AccountRepository;
import fr.gouv.ti.funding.domain.Entry;
import fr.gouv.ti.funding.domain.FundingAction;
import fr.gouv.ti.funding.domain.Instrument;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.ProjectionRepository;
import fr.gouv.ti.funding.domain.Totals;
import fr.gouv.ti.funding.domain.TransactionKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Judges a batch of commitments set-based: one read of their fiches-actions, one locking read of their allocations
 * and one of their commitment accounts (levels 4 then 5: the global lock order), then each commitment in arrival
 * order on the balances its predecessors left, accepted or refused with the problem it would get alone. A
 * fiche-action's first commitment on an allocation opens its commitment account (and the account of what will be
 * disbursed on it) only if it is accepted, so a refused batch item leaves nothing behind.
 */
@ApplicationScoped
public class CommitmentBatch {

    private final AccountRepository accounts;
    private final ProjectionRepository projections;

    public CommitmentBatch(AccountRepository accounts, ProjectionRepository projections) {
        this.accounts = accounts;
        this.projections = projections;
    }

    /** For each request, in order: an {@link Accepted} or the {@link ProblemException} that refuses it. */
    public List<Object> judge(List<LedgerRequest> requests) {
        int n = requests.size();
        List<Object> out = new ArrayList<>(java.util.Collections.nCopies(n, null));
        Map<String, FundingAction> actions = projections.actions(
                requests.stream().map(r -> commitment(r).actionId()).distinct().toList());
        String[] allocationCodes = new String[n];
        for (int i = 0; i < n; i++) {
            Movement.Commitment c = commitment(requests.get(i));
            try {
                FundingAction a = knownAction(actions.get(c.actionId()), c);
                allocationCodes[i] = AccountRepository.allocationCode(a.phase(), a.tiId(), c.measureCode(), c.operator());
            } catch (ProblemException p) {
                out.set(i, p);
            }
        }
        Map<String, Account> allocations = accounts.lockByCodes(distinct(allocationCodes));
        String[] commitmentCodes = new String[n];
        for (int i = 0; i < n; i++) {
            if (out.get(i) != null) {
                continue;
            }
            Movement.Commitment c = commitment(requests.get(i));
            Account allocation = allocations.get(allocationCodes[i]);
            if (allocation == null) {
                FundingAction a = actions.get(c.actionId());
                out.set(i, ProblemException.unprocessable("unknown-account", "No allocation",
                        "Operator " + c.operator() + " has no allocation for measure " + c.measureCode()
                                + " in territory " + a.phase() + "/" + a.tiId() + "; allocate before committing."));
                continue;
            }
            commitmentCodes[i] = AccountRepository.commitmentCode(allocation.id(), c.actionId());
        }
        Map<String, Account> existing = accounts.lockByCodes(distinct(commitmentCodes));

        Map<Long, Account> balances = new HashMap<>();
        allocations.values().forEach(a -> balances.put(a.id(), a));
        existing.values().forEach(a -> balances.put(a.id(), a));
        Map<String, Long> placeholders = new HashMap<>();
        Map<String, Opening> opening = new LinkedHashMap<>();
        List<Integer> accepted = new ArrayList<>();
        List<List<Entry>> entries = new ArrayList<>(java.util.Collections.nCopies(n, null));
        List<List<Account>> after = new ArrayList<>(java.util.Collections.nCopies(n, null));
        for (int i = 0; i < n; i++) {
            if (out.get(i) != null) {
                continue;
            }
            Movement.Commitment c = commitment(requests.get(i));
            Account allocation = allocations.get(allocationCodes[i]);
            Account account = existing.get(commitmentCodes[i]);
            Instrument known = account != null ? (account.instrument() == null ? null : Instrument.of(account.instrument()))
                    : opening.containsKey(commitmentCodes[i]) ? opening.get(commitmentCodes[i]).instrument : null;
            if (known != null && known != c.instrument()) {
                out.set(i, ProblemException.conflict("instrument-mismatch", "Another instrument",
                        "The commitment of operator " + c.operator() + " to fiche-action " + c.actionId() + " for measure "
                                + c.measureCode() + " is a " + known + "; this request says " + c.instrument()
                                + ". One commitment has one instrument."));
                continue;
            }
            long accountId;
            if (account != null) {
                accountId = account.id();
            } else {
                accountId = placeholders.computeIfAbsent(commitmentCodes[i], k -> -1L - placeholders.size());
                balances.putIfAbsent(accountId, new Account(accountId, AccountKind.COMMITMENT, commitmentCodes[i],
                        allocation.id(), c.operator(), null, allocation.phase(), allocation.tiId(),
                        allocation.regionCode(), c.measureCode(), c.actionId(), null, null, null, null, null, 0, 0));
            }
            List<Entry> e = List.of(new Entry(allocation.id(), 'D', -c.amountCents()),
                    new Entry(accountId, 'U', c.amountCents()));
            try {
                after.set(i, Ledger.apply(balances, e));
                entries.set(i, e);
                accepted.add(i);
                if (account == null) {
                    opening.computeIfAbsent(commitmentCodes[i], k -> new Opening(allocation, c,
                            actions.get(c.actionId()))).fold(c);
                }
            } catch (ProblemException p) {
                out.set(i, p);
            }
        }
        Map<Long, Long> ids = open(opening, placeholders);
        List<AccountRepository.Description> descriptions = describe(requests, accepted, existing, commitmentCodes,
                actions);
        accounts.describeAll(descriptions);
        for (int i : accepted) {
            Movement.Commitment c = commitment(requests.get(i));
            Account allocation = allocations.get(allocationCodes[i]);
            List<Entry> e = entries.get(i).stream()
                    .map(x -> new Entry(ids.getOrDefault(x.accountId(), x.accountId()), x.side(), x.amountCents()))
                    .toList();
            List<Account> a = after.get(i).stream().map(x -> ids.containsKey(x.id()) ? opened(x, ids.get(x.id()),
                    opening.get(x.code())) : x).toList();
            LedgerTransaction tx = new LedgerTransaction(0, UUID.randomUUID(), TransactionKind.COMMITTED,
                    c.effectiveDate(), null, c.amountCents(), null, c.decisionReference(), null, null, c.operator(),
                    null, allocation.phase(), allocation.tiId(), allocation.regionCode(), c.measureCode(),
                    c.actionId(), requests.get(i).caller().clientId(), e);
            out.set(i, new Accepted(i, tx, a, new Totals.Territory(0, c.amountCents(), 0)));
        }
        return out;
    }

    /** The checks a fiche-action's state makes on a commitment, in the order and words of a single request. */
    private static FundingAction knownAction(FundingAction action, Movement.Commitment c) {
        if (action == null) {
            throw ProblemException.validation("Unknown fiche-action " + c.actionId() + ": funding-service knows the "
                            + "fiches-actions published by contract-service (action.created); create it there first, or "
                            + "retry once it is published.",
                    List.of(new Problem.FieldError("actionId", "unknown fiche-action")));
        }
        if ("ABANDONED".equals(action.status())) {
            throw ProblemException.conflict("action-abandoned", "Fiche-action abandoned",
                    "Fiche-action " + action.actionId() + " is abandoned; nothing can be committed to it.")
                    .with("currentState", action.status());
        }
        if (!action.measureCodes().contains(c.measureCode())) {
            throw ProblemException.validation("Fiche-action " + action.actionId() + " is not linked to measure "
                    + c.measureCode() + "; its measures are " + action.measureCodes() + ".",
                    List.of(new Problem.FieldError("measureCode", "not a measure of this fiche-action")));
        }
        return action;
    }

    /** Opens the commitment accounts (then their disbursement accounts); returns real ids by placeholder id. */
    private Map<Long, Long> open(Map<String, Opening> opening, Map<String, Long> placeholders) {
        Map<Long, Long> ids = new HashMap<>();
        if (opening.isEmpty()) {
            return ids;
        }
        Map<String, Long> opened = accounts.openAll(opening.values().stream().map(Opening::account).toList());
        List<AccountRepository.NewAccount> disbursed = new ArrayList<>();
        for (Map.Entry<String, Opening> o : opening.entrySet()) {
            long id = opened.get(o.getKey());
            ids.put(placeholders.get(o.getKey()), id);
            AccountRepository.NewAccount c = o.getValue().account();
            disbursed.add(new AccountRepository.NewAccount(AccountKind.DISBURSED, AccountRepository.disbursedCode(id),
                    id, c.operator(), c.phase(), c.tiId(), c.regionCode(), c.measureCode(), c.actionId(), null, null,
                    null, null, null));
        }
        accounts.openAll(disbursed);
        return ids;
    }

    /** SCDL descriptions given by accepted commitments on accounts that already existed. */
    private static List<AccountRepository.Description> describe(List<LedgerRequest> requests, List<Integer> accepted,
                                                                Map<String, Account> existing, String[] codes,
                                                                Map<String, FundingAction> actions) {
        List<AccountRepository.Description> out = new ArrayList<>();
        for (int i : accepted) {
            Account account = existing.get(codes[i]);
            Movement.Commitment c = commitment(requests.get(i));
            if (account != null) {
                out.add(new AccountRepository.Description(account.id(), c.beneficiaryName(), c.beneficiarySiret(),
                        c.decisionReference(), c.object() != null ? c.object() : actions.get(c.actionId()).title(),
                        c.instrument().name()));
            }
        }
        return out;
    }

    private static Account opened(Account placeholder, long id, Opening o) {
        AccountRepository.NewAccount n = o.account();
        return new Account(id, AccountKind.COMMITMENT, placeholder.code(), placeholder.parentId(), n.operator(), null,
                n.phase(), n.tiId(), n.regionCode(), n.measureCode(), n.actionId(), n.beneficiaryName(),
                n.beneficiarySiret(), n.decisionReference(), n.object(), n.instrument(), placeholder.inflowCents(),
                placeholder.outflowCents());
    }

    private static Movement.Commitment commitment(LedgerRequest r) {
        return (Movement.Commitment) r.movement();
    }

    private static List<String> distinct(String[] codes) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String c : codes) {
            if (c != null) {
                set.add(c);
            }
        }
        return new ArrayList<>(set);
    }

    /**
     * A commitment account to open, described as a single request would leave it after all the batch's accepted
     * commitments on it: the beneficiary as last given, the decision reference and the object as first given
     * (the object defaults to the fiche-action's title).
     */
    private static final class Opening {
        private final Account allocation;
        private final FundingAction action;
        private String name;
        private String siret;
        private String reference;
        private String object;
        private final Instrument instrument;

        Opening(Account allocation, Movement.Commitment first, FundingAction action) {
            this.allocation = allocation;
            this.action = action;
            this.object = first.object() != null ? first.object() : action.title();
            this.instrument = first.instrument();
        }

        Opening fold(Movement.Commitment c) {
            name = c.beneficiaryName() != null ? c.beneficiaryName() : name;
            siret = c.beneficiarySiret() != null ? c.beneficiarySiret() : siret;
            reference = reference != null ? reference : c.decisionReference();
            return this;
        }

        AccountRepository.NewAccount account() {
            return new AccountRepository.NewAccount(AccountKind.COMMITMENT,
                    AccountRepository.commitmentCode(allocation.id(), action.actionId()), allocation.id(),
                    allocation.operator(), allocation.phase(), allocation.tiId(), allocation.regionCode(),
                    allocation.measureCode(), action.actionId(), name, siret, reference, object, instrument.name());
        }
    }
}
