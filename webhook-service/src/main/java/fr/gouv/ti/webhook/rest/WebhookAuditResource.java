package fr.gouv.ti.webhook.rest;

import fr.gouv.ti.commons.audit.AuditTrailResource;
import jakarta.ws.rs.Path;

/** The audit trail of webhook-service (operations in {@link AuditTrailResource}). */
@Path("/api/v1/audit/webhook")
public class WebhookAuditResource extends AuditTrailResource {

    @Override
    protected String service() {
        return "webhook";
    }
}
