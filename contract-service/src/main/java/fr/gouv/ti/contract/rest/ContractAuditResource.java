package fr.gouv.ti.contract.rest;

import fr.gouv.ti.commons.audit.AuditTrailResource;
import jakarta.ws.rs.Path;

/** The audit trail of contract-service (operations in {@link AuditTrailResource}). */
@Path("/api/v1/audit/contract")
public class ContractAuditResource extends AuditTrailResource {

    @Override
    protected String service() {
        return "contract";
    }
}
