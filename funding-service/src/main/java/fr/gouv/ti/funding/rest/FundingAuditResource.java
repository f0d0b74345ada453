package fr.gouv.ti.funding.rest;

import fr.gouv.ti.commons.audit.AuditTrailResource;
import jakarta.ws.rs.Path;

/** The audit trail of funding-service (operations in {@link AuditTrailResource}). */
@Path("/api/v1/audit/funding")
public class FundingAuditResource extends AuditTrailResource {

    @Override
    protected String service() {
        return "funding";
    }
}
