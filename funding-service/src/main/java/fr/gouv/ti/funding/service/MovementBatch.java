package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.outbox.OutgoingEvent;
import fr.gouv.ti.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One database transaction for a batch of movements of one kind, with the guarantees a single request has: the
 * Idempotency-Key records, the ledger transactions, their audit rows and their outbox events commit together, each
 * item accepted or refused on its own. Keys are claimed first (a key already answered replays its response, a key
 * repeated within the batch gets its first occurrence's answer), then the movements are judged on locked balances
 * and the accepted ones written with multi-row statements.
 */
@ApplicationScoped
public class MovementBatch {

    private final Idempotency idempotency;
    private final CommitmentBatch commitments;
    private final DisbursementBatch disbursements;
    private final BatchJournal journal;
    private final AuditLog audit;
    private final Outbox outbox;

    public MovementBatch(Idempotency idempotency, CommitmentBatch commitments, DisbursementBatch disbursements,
                         BatchJournal journal, AuditLog audit, Outbox outbox) {
        this.idempotency = idempotency;
        this.commitments = commitments;
        this.disbursements = disbursements;
        this.journal = journal;
        this.audit = audit;
        this.outbox = outbox;
    }

    /**
     * For each request, in order: the {@link Response} to give (201, or a replay) or the {@link ProblemException}
     * that refuses it. Every request of the list must ask for the same kind of movement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Object> post(List<LedgerRequest> requests) {
        int n = requests.size();
        List<Object> out = new ArrayList<>(Collections.nCopies(n, null));
        List<Idempotency.Claimed> claims = idempotency.claimAll(requests.stream().map(LedgerRequest::claim).toList());
        List<LedgerRequest> fresh = new ArrayList<>();
        List<Integer> freshIndex = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Idempotency.Claimed c = claims.get(i);
            if (c.isNew()) {
                fresh.add(requests.get(i));
                freshIndex.add(i);
            } else if (c.sameAs() < 0) {
                out.set(i, c.replay() != null ? c.replay() : c.refusal());
            }
        }
        List<Object> judged = fresh.isEmpty() ? List.of()
                : fresh.get(0).movement() instanceof Movement.Commitment ? commitments.judge(fresh)
                : disbursements.judge(fresh);
        List<Accepted> accepted = new ArrayList<>();
        for (int j = 0; j < judged.size(); j++) {
            if (judged.get(j) instanceof Accepted a) {
                accepted.add(a);
            } else {
                out.set(freshIndex.get(j), judged.get(j));
            }
        }
        List<Posted> posted = journal.write(accepted,
                accepted.stream().map(a -> fresh.get(a.item()).correlationId()).toList());
        List<Idempotency.Claim> stored = new ArrayList<>();
        List<Response> responses = new ArrayList<>();
        List<AuditLog.Row> auditRows = new ArrayList<>();
        List<Outbox.Traced> events = new ArrayList<>();
        for (int k = 0; k < accepted.size(); k++) {
            LedgerRequest r = fresh.get(accepted.get(k).item());
            Posted p = posted.get(k);
            Response response = r.render().apply(p);
            out.set(freshIndex.get(accepted.get(k).item()), response);
            stored.add(r.claim());
            responses.add(response);
            auditRows.add(new AuditLog.Row(r.caller(), r.auditAction(), "ledger-transaction",
                    p.transaction().id().toString(), r.claim().hash(), r.correlationId(), p.auditConcerns()));
            OutgoingEvent event = FundingEvents.of(p);
            if (event != null) {
                events.add(new Outbox.Traced(event, r.correlationId(), r.traceparent()));
            }
        }
        audit.recordAll(auditRows);
        outbox.appendAll(events);
        idempotency.storeAll(stored, responses);
        for (int i = 0; i < n; i++) {
            int first = claims.get(i).sameAs();
            if (first >= 0) {
                Object answer = out.get(first);
                out.set(i, answer instanceof Response r ? Idempotency.replayOf(r) : answer);
            }
        }
        return out;
    }
}
