package fr.gouv.ti.measure.convention;

import fr.gouv.ti.commons.paging.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/catalogue/conventions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conventions", description = "The conventions the State signed with the national operators for the "
        + "programme (the four conventions de mobilisation of 5 March 2019 in Lyon): parties, date, place, what each "
        + "operator committed in money or in services, each with its source (open data)")
public class ConventionResource {

    private final ConventionCatalogue conventions;

    public ConventionResource(ConventionCatalogue conventions) {
        this.conventions = conventions;
    }

    @GET
    @Operation(operationId = "listConventions", summary = "List the conventions",
            description = "By code. Each convention holds its parties (the State and the operator, with the signatories "
                    + "the sources name), its date and place, its commitments (money with an amount in euro cents only "
                    + "where a source states one, or services), the measures of the catalogue each commitment is the "
                    + "source of, and the sources of every fact; what the sources do not give is absent and listed in "
                    + "notInSources. Filter by an operator party to it. Cursor pagination. Open data.")
    @APIResponse(responseCode = "200", description = "One page of conventions",
            content = @Content(schema = @Schema(implementation = ConventionPage.class)))
    @APIResponse(responseCode = "400", description = "Unknown operator, malformed limit or cursor")
    public Page<ConventionView> list(
            @Parameter(description = "Only the conventions this operator is party to (older codes such as POLE_EMPLOI "
                    + "are accepted)", example = "BANQUE_DES_TERRITOIRES") @QueryParam("operator") String operator,
            @Parameter(description = "1 to 500, default 50", schema = @Schema(minimum = "1", maximum = "500"))
            @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return conventions.list(operator, limit, cursor);
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getConvention", summary = "Get one convention", description = "By its code, e.g. "
            + "CONV-2019-BDT (Banque des Territoires), CONV-2019-BPIFRANCE, CONV-2019-BUSINESS-FRANCE, "
            + "CONV-2019-POLE-EMPLOI. Open data.")
    @APIResponse(responseCode = "200", description = "The convention")
    @APIResponse(responseCode = "400", description = "Malformed code")
    @APIResponse(responseCode = "404", description = "No such convention")
    public ConventionView get(@Parameter(example = "CONV-2019-BDT",
            schema = @Schema(pattern = "^CONV-[0-9]{4}-[A-Z0-9]+(-[A-Z0-9]+)*$")) @PathParam("code") String code) {
        return conventions.get(code);
    }

    @Schema(name = "PageConvention")
    public record ConventionPage(List<ConventionView> items, String nextCursor) {
    }
}
