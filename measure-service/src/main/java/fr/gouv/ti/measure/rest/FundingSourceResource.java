package fr.gouv.ti.measure.rest;

import fr.gouv.ti.measure.service.ReferenceData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/catalogue/funding-sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
public class FundingSourceResource {

    private final ReferenceData reference;

    public FundingSourceResource(ReferenceData reference) {
        this.reference = reference;
    }

    @GET
    @Operation(operationId = "listFundingSources", summary = "List the funding sources",
            description = "The lines the EUR 1.36bn came from (PIC, PIA, Banque des Territoires), each with the page "
                    + "that names it. They are the source lines of the ledger: funding-service accepts these codes "
                    + "and no others (published to it as reference.published on ti.measure.v1). Open data.")
    @APIResponse(responseCode = "200", description = "The funding sources, in the order the sources list them")
    public List<FundingSourceView> fundingSources() {
        return reference.fundingSources().stream().map(FundingSourceView::of).toList();
    }
}
