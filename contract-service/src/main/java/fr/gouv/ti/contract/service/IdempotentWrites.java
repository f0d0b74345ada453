package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.util.function.Supplier;

/**
 * One transaction around a write and, when the client sent an {@code Idempotency-Key}, around the stored response
 * too: a retried creation is replayed, never repeated.
 */
@ApplicationScoped
public class IdempotentWrites {

    private final Idempotency idempotency;

    public IdempotentWrites(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    @Transactional
    public Response run(Caller caller, String idempotencyKey, String method, String path, Object body,
                        Supplier<Response> write) {
        if (idempotencyKey == null) {
            return write.get();
        }
        return idempotency.execute(caller.clientId(), idempotencyKey, idempotency.fingerprint(method, path, body), write);
    }
}
