package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One write = one database transaction holding the Idempotency-Key record, the ledger movement, the outbox event
 * and the audit row. A refusal anywhere rolls all of it back.
 */
@ApplicationScoped
public class Writes {

    private final Idempotency idempotency;
    private final AuditLog audit;

    public Writes(Idempotency idempotency, AuditLog audit) {
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @Transactional
    public Response run(Caller caller, String idempotencyKey, String method, String path, Object body,
                        String action, Supplier<Posted> write, Function<Posted, Response> render) {
        String fingerprint = idempotency.fingerprint(method, path, body);
        return idempotency.execute(caller.clientId(), idempotencyKey, fingerprint, () -> {
            Posted posted = write.get();
            audit.record(caller, action, "ledger-transaction", posted.transaction().id().toString(),
                    Idempotency.hash(fingerprint), posted.auditConcerns());
            return render.apply(posted);
        });
    }
}
