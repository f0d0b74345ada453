package fr.gouv.ti.territory.rest;

import fr.gouv.ti.commons.audit.AuditTrailResource;
import jakarta.ws.rs.Path;

/** The audit trail of territory-service (operations in {@link AuditTrailResource}). */
@Path("/api/v1/audit/territory")
public class TerritoryAuditResource extends AuditTrailResource {

    @Override
    protected String service() {
        return "territory";
    }
}
