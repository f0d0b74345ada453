package fr.gouv.ti.funding.service;

import fr.gouv.ti.commons.idempotency.Idempotency;
import fr.gouv.ti.commons.security.Caller;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;

/**
 * One request waiting for the ledger writer: who asks, under which Idempotency-Key claim, with which correlation
 * id and trace (captured on the request's thread: the writer's thread has none), what it asks, and how the resource
 * renders the posted transaction.
 */
public record LedgerRequest(Caller caller, Idempotency.Claim claim, String correlationId, String traceparent,
                            String auditAction, Movement movement, Function<Posted, Response> render) {
}
