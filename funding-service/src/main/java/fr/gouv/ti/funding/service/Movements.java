package fr.gouv.ti.funding.service;

import fr.gouv.ti.funding.domain.Instrument;
import fr.gouv.ti.commons.codes.Sirene;
import fr.gouv.ti.commons.correlation.Correlation;
import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Commitments and disbursements: what can be judged from the request alone (role, own line, dates, SIRET, the
 * Idempotency-Key's form) is judged here, on the request's thread, before anything is queued; the rest is judged on
 * locked balances by the {@link LedgerWriter}, in a batch.
 */
@ApplicationScoped
public class Movements {

    private final LedgerWriter writer;
    private final Idempotency idempotency;
    private final Clock clock;

    public Movements(LedgerWriter writer, Idempotency idempotency, Clock clock) {
        this.writer = writer;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /**
     * @param body   the request as received, for the Idempotency-Key fingerprint
     * @param render how the posted transaction is answered (the resource's view)
     */
    public Response commit(Caller caller, String key, String path, Object body, Movement.Commitment c,
                           Function<Posted, Response> render) {
        caller.require(Role.OPERATOR);
        Idempotency.requireValidKey(key);
        String operator = c.operator() == null ? caller.operatorCode() : c.operator();
        FundingService.requireOwnLine(caller, operator);
        FundingService.requireDate(c.effectiveDate(), "effectiveDate", LocalDate.now(clock));
        if (c.beneficiarySiret() != null && !Sirene.isSiret(c.beneficiarySiret())) {
            throw ProblemException.badRequest("beneficiarySiret " + c.beneficiarySiret() + " is not a valid SIRET "
                    + "(14 digits, Luhn-checked)", new Problem.FieldError("beneficiarySiret", "not a valid SIRET"));
        }
        Movement.Commitment own = new Movement.Commitment(operator, c.actionId(), c.measureCode(), c.amountCents(),
                c.effectiveDate(), c.decisionReference(), c.beneficiaryName(), c.beneficiarySiret(), c.object(),
                c.instrument() == null ? Instrument.GRANT : c.instrument());
        return writer.submit(request(caller, key, path, body, "funding.commit", own, render));
    }

    public Response disburse(Caller caller, String key, String path, Object body, Movement.Disbursement d,
                             Function<Posted, Response> render) {
        caller.require(Role.OPERATOR);
        Idempotency.requireValidKey(key);
        FundingService.requireDate(d.effectiveDate(), "effectiveDate", LocalDate.now(clock));
        return writer.submit(request(caller, key, path, body, "funding.disburse", d, render));
    }

    private LedgerRequest request(Caller caller, String key, String path, Object body, String action, Movement m,
                                  Function<Posted, Response> render) {
        Idempotency.Claim claim = new Idempotency.Claim(caller.clientId(), key,
                Idempotency.hash(idempotency.fingerprint("POST", path, body)));
        return new LedgerRequest(caller, claim, Correlation.current(), Correlation.traceparent(), action, m, render);
    }
}
