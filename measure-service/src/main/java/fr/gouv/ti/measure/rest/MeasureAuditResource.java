package fr.gouv.ti.measure.rest;

import fr.gouv.ti.commons.audit.AuditTrailResource;
import jakarta.ws.rs.Path;

/** The audit trail of measure-service (operations in {@link AuditTrailResource}). */
@Path("/api/v1/audit/measure")
public class MeasureAuditResource extends AuditTrailResource {

    @Override
    protected String service() {
        return "measure";
    }
}
