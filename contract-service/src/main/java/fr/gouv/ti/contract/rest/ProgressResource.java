package fr.gouv.ti.contract.rest;

import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.commons.web.QueryParams;
import fr.gouv.ti.contract.service.ProgressService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

@Path("/api/v1/reports/progress")
@Tag(name = "Reports", description = "Progress of the programme against its national targets")
public class ProgressResource {

    private final ProgressService progress;

    public ProgressResource(ProgressService progress) {
        this.progress = progress;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "getProgressReport", summary = "Progress against the national targets", description = "Number of territories with a signed "
            + "protocol / contract on `asOf` (default today), per region, and the national targets of phase 2019-2022 "
            + "(≈40 protocols by summer 2019, ≈100 by end 2019) with the count on each target date. Open data. "
            + "JSON by default; send `Accept: text/csv` for CSV (one line per region, then `ALL`), with "
            + "`separator=semicolon` for the variant for spreadsheet software in a French locale.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProgressReport.class)),
                    @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value =
                            "phase,as_of,region_code,labelled_territories,territories_with_protocol,territories_with_contract\n"
                                    + "2019-2022,2019-12-31,84,17,1,0\n2019-2022,2019-12-31,ALL,17,1,0"))})
    @APIResponse(responseCode = "400", description = "Bad phase or date")
    @APIResponse(responseCode = "404", description = "No such phase")
    public Response report(@QueryParam("phase") @Parameter(required = true, example = "2019-2022", schema = @Schema(pattern = "^\\d{4}-\\d{4}$")) String phase,
                           @QueryParam("asOf") @Parameter(example = "2019-12-31") LocalDate asOf,
                           @QueryParam("separator") String separator,
                           @Context HttpHeaders headers) {
        CsvSeparator sep = QueryParams.csvSeparator("separator", separator);
        ProgressReport report = progress.report(phase, asOf);
        MediaType preferred = headers.getAcceptableMediaTypes().isEmpty() ? MediaType.WILDCARD_TYPE
                : headers.getAcceptableMediaTypes().get(0);
        boolean csv = "text".equals(preferred.getType()) && "csv".equals(preferred.getSubtype());
        if (csv) {
            return Response.ok(progress.csv(report, sep), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"progress-" + phase + ".csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
