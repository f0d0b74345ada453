package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.AccountKind;
import fr.gouv.ti.funding.domain.Entry;
import fr.gouv.ti.funding.domain.KnownTerritory;
import fr.gouv.ti.funding.domain.LineConventionRepository;
import fr.gouv.ti.funding.domain.AccountRepository;
import fr.gouv.ti.funding.domain.BalanceRepository;
import fr.gouv.ti.funding.domain.JournalRepository;
import fr.gouv.ti.funding.domain.ProjectionRepository;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;
import fr.gouv.ti.funding.domain.TransactionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.gouv.ti.funding.domain.AccountRepository.PROGRAMME_ID;
import static fr.gouv.ti.funding.domain.AccountRepository.WORLD_ID;

/**
 * The movements of the ledger made one request at a time: the programme, operator lines, allocations, cancellations
 * and reversals. Each method runs inside the request's transaction (opened by {@link Writes} around the idempotency
 * check) and either posts one balanced transaction or throws a problem, leaving nothing written. Commitments and
 * disbursements, the operators' hot paths, go through the {@link LedgerWriter} in batches instead.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class FundingService {

    /** Launch of the programme (Comité interministériel de l'industrie, 22 November 2018). */
    public static final LocalDate PROGRAMME_START = LocalDate.of(2018, 11, 22);
    /** End of the second phase (2023-2027). */
    public static final LocalDate PROGRAMME_END = LocalDate.of(2027, 12, 31);

    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final BalanceRepository balances;
    private final ProjectionRepository projections;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Clock clock;
    private final LineConventionRepository lineConventions;

    public FundingService(AccountRepository accounts, JournalRepository journal, BalanceRepository balances,
                          ProjectionRepository projections, Ledger ledger, Outbox outbox, Clock clock,
                          LineConventionRepository lineConventions) {
        this.clock = clock;
        this.lineConventions = lineConventions;
        this.accounts = accounts;
        this.journal = journal;
        this.balances = balances;
        this.projections = projections;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    // ------------------------------------------------------------ programme and lines (national administrator)

    public Posted setSourceLine(Caller caller, String sourceCode, Postings.SourceLine r) {
        caller.require(Role.NATIONAL_ADMIN);
        requireDate(r.effectiveDate(), "effectiveDate");
        // sourceCode is a funding source of measure-service's reference data (checked by the resource)
        Account source = accounts.ensureSource(sourceCode);
        Map<Long, Account> locked = accounts.lock(List.of(WORLD_ID, PROGRAMME_ID, source.id()));
        long delta = r.amountCents() - locked.get(source.id()).inflowCents();
        if (delta == 0) {
            throw ProblemException.unprocessable("no-change", "Nothing to post",
                    "Source line " + sourceCode + " already amounts to " + Money.format(r.amountCents()) + " EUR.");
        }
        List<Entry> entries = List.of(new Entry(WORLD_ID, 'D', -delta), new Entry(PROGRAMME_ID, 'U', delta),
                new Entry(PROGRAMME_ID, 'D', -delta), new Entry(source.id(), 'U', delta));
        LedgerTransaction tx = new LedgerTransaction(0, UUID.randomUUID(), TransactionKind.SOURCE_SET,
                r.effectiveDate(), null, Math.abs(delta), r.reason(), null, null, null, null, sourceCode, null, null,
                null, null, null, caller.clientId(), entries);
        Ledger.Posting p = ledger.post(tx, locked);
        return new Posted(p.tx(), p.accounts(), null, null);
    }

    public Posted fundOperatorLine(Caller caller, Postings.OperatorLine r) {
        caller.require(Role.NATIONAL_ADMIN);
        requireDate(r.effectiveDate(), "effectiveDate");
        Account source = accounts.ensureSource(r.sourceCode());
        long line = accounts.ensure(AccountKind.LINE, AccountRepository.lineCode(r.operator()), PROGRAMME_ID,
                r.operator(), null, null, null, null, null);
        List<Entry> entries = List.of(new Entry(source.id(), 'D', -r.amountCents()),
                new Entry(line, 'U', r.amountCents()));
        Map<Long, Account> locked = ledger.lock(entries);
        LedgerTransaction tx = new LedgerTransaction(0, UUID.randomUUID(), TransactionKind.LINE_FUNDED,
                r.effectiveDate(), null, r.amountCents(), null, r.reference(), null, null, r.operator(),
                r.sourceCode(), null, null, null, null, null, caller.clientId(), entries);
        Ledger.Posting p = ledger.post(tx, locked);
        if (r.conventionCode() != null) {
            lineConventions.record(p.tx().id(), r.operator(), r.conventionCode());
        }
        return new Posted(p.tx(), p.accounts(), null, null);
    }

    // ------------------------------------------------------------ allocations, commitments, disbursements

    public Posted allocate(Caller caller, Postings.Allocation r) {
        caller.require(Role.NATIONAL_ADMIN, Role.OPERATOR);
        requireOwnLine(caller, r.operator());
        requireDate(r.effectiveDate(), "effectiveDate");
        Account line = accounts.line(r.operator()).orElseThrow(() -> ProblemException.unprocessable("unknown-account",
                "No operator line", "Operator " + r.operator() + " has no line yet: the national administrator "
                        + "opens it (POST /api/v1/funding/operator-lines) before anything is allocated on it."));
        String region = regionOf(r);
        requireMeasure(r.measureCode());
        long allocation = accounts.ensure(AccountKind.ALLOCATION,
                AccountRepository.allocationCode(r.phase(), r.tiId(), r.measureCode(), r.operator()), line.id(),
                r.operator(), r.phase(), r.tiId(), region, r.measureCode(), null);
        List<Entry> entries = List.of(new Entry(line.id(), 'D', -r.amountCents()),
                new Entry(allocation, 'U', r.amountCents()));
        Map<Long, Account> locked = ledger.lock(entries);
        LedgerTransaction tx = new LedgerTransaction(0, UUID.randomUUID(), TransactionKind.ALLOCATED,
                r.effectiveDate(), null, r.amountCents(), null, r.reference(), null, null, r.operator(), null,
                r.phase(), r.tiId(), region, r.measureCode(), null, caller.clientId(), entries);
        Ledger.Posting posting = ledger.post(tx, locked);
        tx = posting.tx();
        List<Account> after = posting.accounts();
        Totals.Territory territory = balances.addToTerritory(r.phase(), r.tiId(), region, r.amountCents(), 0, 0);
        return published(new Posted(tx, after, territory, null));
    }

    /**
     * The region an allocation is booked in: the territory's lead region as the registry publishes it. A regionCode
     * in the request is only checked (it may name either region of a territory that straddles two); the ledger never
     * takes it as the truth, and refuses a territory the registry has not published or has delabelled.
     */
    private String regionOf(Postings.Allocation r) {
        String key = r.phase() + "/" + r.tiId();
        KnownTerritory t = projections.territory(r.phase(), r.tiId()).orElseThrow(() -> ProblemException.unprocessable(
                "unknown-territory", "Unknown territory", "Territory " + key + " is not in the registry known to the "
                        + "ledger (GET /api/v1/territories/" + key + "). If it was labelled a moment ago, its event "
                        + "may not have reached the ledger yet: retry with the same Idempotency-Key."));
        if (!t.labelled()) {
            throw ProblemException.unprocessable("territory-delabelled", "Territory delabelled",
                    "Territory " + key + " was delabelled: no new money can be allocated to it.");
        }
        if (r.regionCode() != null && !t.inRegion(r.regionCode())) {
            throw ProblemException.validation("Territory " + key + " is in region " + String.join(" and ", t.regionCodes())
                    + ", not " + r.regionCode() + ".", List.of(new Problem.FieldError("regionCode",
                    "must be " + String.join(" or ", t.regionCodes()) + " (or left out)")));
        }
        return t.regionCode();
    }

    /** Money goes only to a measure of the published catalogue that is not retired. */
    private void requireMeasure(String code) {
        String status = projections.measureStatus(code).orElseThrow(() -> ProblemException.unprocessable(
                "unknown-measure", "Unknown measure", "Measure " + code + " is not in the published catalogue "
                        + "(GET /api/v1/catalogue). If it was published a moment ago, retry with the same Idempotency-Key."));
        if ("RETIRED".equals(status)) {
            throw ProblemException.unprocessable("measure-retired", "Measure retired",
                    "Measure " + code + " was retired from the catalogue: no new money can be allocated to it.");
        }
    }

    public Posted cancelRest(Caller caller, long commitmentId, Postings.Correction r) {
        caller.require(Role.OPERATOR, Role.NATIONAL_ADMIN);
        Account commitment = commitment(commitmentId);
        requireOwnResource(caller, commitment.operator(), "No commitment " + commitmentId + ".");
        requireDate(r.effectiveDate(), "effectiveDate");
        Map<Long, Account> locked = accounts.lock(List.of(commitment.parentId(), commitmentId));
        long rest = locked.get(commitmentId).availableCents();
        if (rest <= 0) {
            throw ProblemException.conflict("nothing-to-cancel", "Nothing left to cancel",
                    "Commitment " + commitmentId + " is fully disbursed (or already cancelled): nothing remains to "
                            + "cancel.").with("remainingCents", rest);
        }
        List<Entry> entries = List.of(new Entry(commitmentId, 'U', -rest), new Entry(commitment.parentId(), 'D', rest));
        LedgerTransaction tx = new LedgerTransaction(0, UUID.randomUUID(), TransactionKind.CANCELLED,
                r.effectiveDate(), null, rest, r.reason().trim(), null, null, null, commitment.operator(), null,
                commitment.phase(), commitment.tiId(), commitment.regionCode(), commitment.measureCode(),
                commitment.actionId(), caller.clientId(), entries);
        Ledger.Posting posting = ledger.post(tx, locked);
        tx = posting.tx();
        List<Account> after = posting.accounts();
        Totals.Territory territory = balances.addToTerritory(commitment.phase(), commitment.tiId(),
                commitment.regionCode(), 0, -rest, 0);
        Totals.Action totals = balances.addToAction(commitment.actionId(), -rest, 0);
        return published(new Posted(tx, after, territory, totals));
    }

    // ------------------------------------------------------------ corrections

    public Posted reverse(Caller caller, UUID txId, Postings.Correction r) {
        caller.require(Role.OPERATOR, Role.NATIONAL_ADMIN);
        LedgerTransaction original = journal.findTransaction(txId)
                .orElseThrow(() -> ProblemException.notFound("No transaction " + txId + "."));
        if (original.kind() == TransactionKind.SOURCE_SET || original.kind() == TransactionKind.LINE_FUNDED) {
            if (!caller.is(Role.NATIONAL_ADMIN)) {
                throw ProblemException.notFound("No transaction " + txId + ".");
            }
        } else {
            requireOwnResource(caller, original.operator(), "No transaction " + txId + ".");
        }
        if (original.kind() == TransactionKind.REVERSAL) {
            throw ProblemException.conflict("reversal-not-reversible", "A reversal cannot be reversed",
                    "Transaction " + txId + " is itself a reversal; post the movement again instead.");
        }
        requireDate(r.effectiveDate(), "effectiveDate");
        if (r.effectiveDate().isBefore(original.effectiveDate())) {
            throw ProblemException.validation("A reversal cannot take effect before the transaction it reverses ("
                    + original.effectiveDate() + ").", List.of(new Problem.FieldError("effectiveDate",
                    "must be on or after " + original.effectiveDate())));
        }
        List<Entry> entries = original.entries().stream().map(Entry::negated).toList();
        Map<Long, Account> locked = ledger.lock(entries);
        journal.reversalOf(txId).ifPresent(existing -> {
            throw ProblemException.conflict("already-reversed", "Already reversed",
                    "Transaction " + txId + " was already reversed by " + existing + ".")
                    .with("reversalTransactionId", existing.toString());
        });
        long a = original.amountCents();
        LedgerTransaction tx = new LedgerTransaction(0, UUID.randomUUID(), TransactionKind.REVERSAL,
                r.effectiveDate(), null, a, r.reason().trim(), null, txId, original.kind().name(),
                original.operator(), original.sourceCode(), original.phase(), original.tiId(), original.regionCode(),
                original.measureCode(), original.actionId(), caller.clientId(), entries);
        Ledger.Posting posting = ledger.post(tx, locked);
        tx = posting.tx();
        List<Account> after = posting.accounts();
        Totals.Territory territory = null;
        Totals.Action totals = null;
        if (original.phase() != null) {
            long[] d = switch (original.kind()) {
                case ALLOCATED -> new long[]{-a, 0, 0};
                case COMMITTED -> new long[]{0, -a, 0};
                case DISBURSED -> new long[]{0, 0, -a};
                case CANCELLED -> new long[]{0, a, 0};
                default -> new long[]{0, 0, 0};
            };
            territory = balances.addToTerritory(original.phase(), original.tiId(), original.regionCode(), d[0], d[1], d[2]);
            if (original.actionId() != null) {
                totals = balances.addToAction(original.actionId(), d[1], d[2]);
            }
        }
        return published(new Posted(tx, after, territory, totals));
    }

    // ------------------------------------------------------------ helpers

    private Posted published(Posted p) {
        OutgoingEvent event = FundingEvents.of(p);
        if (event != null) {
            outbox.append(event);
        }
        return p;
    }

    private Account commitment(long id) {
        return accounts.find(id).filter(a -> a.kind() == AccountKind.COMMITMENT)
                .orElseThrow(() -> ProblemException.notFound("No commitment " + id + "."));
    }

    /**
     * A resource addressed by its id (a commitment, a transaction) that belongs to another operator's line does not
     * exist for the caller: the same 404 as a missing one, so that ids cannot be enumerated (issue 18, finding 10).
     * Authorization comes before existence: the answer is the same whether the id exists or not.
     */
    static void requireOwnResource(Caller caller, String operator, String notFoundDetail) {
        if (caller.is(Role.OPERATOR) && (caller.operatorCode() == null || !caller.operatorCode().equals(operator))) {
            throw ProblemException.notFound(notFoundDetail);
        }
    }

    /** An operator moves money only on its own line; the national administrator on any. */
    static void requireOwnLine(Caller caller, String operator) {
        if (caller.is(Role.OPERATOR) && (caller.operatorCode() == null || !caller.operatorCode().equals(operator))) {
            throw ProblemException.forbidden("Operator " + caller.operatorCode() + " may not move money on the line of "
                    + operator + ".").with("operator", operator);
        }
    }

    private void requireDate(LocalDate date, String field) {
        requireDate(date, field, LocalDate.now(clock));
    }

    /** Within the programme and not in the future; {@code today} is the day of the programme's clock (Europe/Paris). */
    static void requireDate(LocalDate date, String field, LocalDate today) {
        if (date.isBefore(PROGRAMME_START) || date.isAfter(PROGRAMME_END)) {
            throw ProblemException.validation(field + " " + date + " is outside the programme (" + PROGRAMME_START
                    + " to " + PROGRAMME_END + ").", List.of(new Problem.FieldError(field,
                    "must be between " + PROGRAMME_START + " and " + PROGRAMME_END)));
        }
        if (date.isAfter(today)) {
            throw ProblemException.validation(field + " " + date + " is in the future: the ledger records decisions "
                    + "and payments that have happened.", List.of(new Problem.FieldError(field,
                    "must not be after " + today)));
        }
    }
}
