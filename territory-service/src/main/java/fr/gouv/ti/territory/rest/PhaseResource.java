package fr.gouv.ti.territory.rest;

import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.commons.web.CsvUpload;
import fr.gouv.ti.commons.web.QueryParams;
import fr.gouv.ti.territory.config.ImportConfig;
import fr.gouv.ti.territory.domain.Phase;
import fr.gouv.ti.territory.service.PhaseImportService;
import fr.gouv.ti.territory.service.TerritoryService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

@Path("/api/v1/phases")
@Tag(name = "Phases", description = "Phases of the programme, and bulk import/export of a phase's territories as CSV")
public class PhaseResource {

    static final String CSV = "text/csv";

    private final TerritoryService territories;
    private final PhaseImportService imports;
    private final CurrentCaller caller;
    private final ImportConfig config;

    public PhaseResource(TerritoryService territories, PhaseImportService imports, CurrentCaller caller,
                         ImportConfig config) {
        this.territories = territories;
        this.imports = imports;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listPhases", summary = "List the phases", description = "Open data.")
    public List<Phase> list() {
        return territories.phases();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPhase", summary = "Add a phase (national administrator)",
            description = "Idempotent: adding an existing phase with the same dates answers 200; other dates are a 409.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Already there with the same dates")
    @APIResponse(responseCode = "409", description = "Exists with other dates")
    public Response create(@Valid @NotNull NewPhase request) {
        boolean existed = territories.phases().stream().anyMatch(p -> p.code().equals(request.code()));
        Phase p = territories.createPhase(caller.get(), request);
        return Response.status(existed ? 200 : 201).entity(p).build();
    }

    @GET
    @Path("/{phase}/territories.csv")
    @Produces(CSV)
    @Operation(operationId = "exportPhaseCsv", summary = "Export a phase as CSV",
            description = "Open data. The labelled territories of the phase and their current groupements, one row per "
                    + "territory × groupement, in the columns of the import (" + "phase,ti_id,ti_name,region_code,"
                    + "region_name,department_codes,epci_siren,epci_name,groupement_nature,epci_name_cog2026), UTF-8, "
                    + "RFC 4180 quoting, names a spreadsheet would take for a formula written as text. "
                    + "`separator=semicolon` gives the variant for spreadsheet software in a French locale (opens in "
                    + "Excel with a double click). Importing the export, in either variant, changes nothing.")
    @APIResponse(responseCode = "200", description = "The CSV", content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "404", description = "Unknown phase")
    public Response export(@Parameter(example = "2019-2022") @PathParam("phase") String phase,
                           @QueryParam("separator") String separator) {
        CsvSeparator sep = QueryParams.csvSeparator("separator", separator);
        return Response.ok(imports.export(phase, sep), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"territoires_industrie_" + phase.replace('-', '_')
                        + "_epci.csv\"").build();
    }

    @POST
    @Path("/{phase}/territories.csv")
    @Consumes({CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importPhaseCsv", summary = "Import a phase from CSV (national administrator)",
            description = "The file is the whole phase, in the columns of the export, as a spreadsheet saves it: "
                    + "separated by commas or semicolons (recognised from the header line), UTF-8 (with or without a "
                    + "byte order mark) or Windows-1252 (Excel's \"CSV (séparateur : point-virgule)\"), CRLF or LF. A "
                    + "file in another encoding, or a workbook, is a 422 saying how to save it as CSV UTF-8. All or "
                    + "nothing: any bad row gives a 422 listing every bad row (line, column, reason) and nothing is "
                    + "imported. Territories "
                    + "of the file are labelled, renamed or have their perimeter changed on `effectiveDate` (default "
                    + "today); labelled territories absent from the file are delabelled. `dryRun=true` reports the "
                    + "changes without writing. Importing the same file twice changes nothing and emits no event.")
    @RequestBody(content = @Content(mediaType = CSV))
    @APIResponse(responseCode = "200", description = "What changed (or would change, with dryRun)",
            content = @Content(schema = @Schema(implementation = PhaseImportService.Report.class)))
    @APIResponse(responseCode = "400", description = "Bad query parameter")
    @APIResponse(responseCode = "401", description = "Anonymous caller")
    @APIResponse(responseCode = "403", description = "Not a national administrator")
    @APIResponse(responseCode = "404", description = "Unknown phase")
    @APIResponse(responseCode = "413", description = "File larger than the limit (2 MiB by default)")
    @APIResponse(responseCode = "422", description = "Malformed CSV or bad rows; nothing imported")
    public PhaseImportService.Report importPhase(
            @Parameter(example = "2019-2022") @PathParam("phase") String phase,
            @Parameter(description = "Report what would change without writing") @QueryParam("dryRun") String dryRun,
            @Parameter(description = "Date the perimeter changes take effect (default today)", example = "2024-01-01") @QueryParam("effectiveDate") String effectiveDate,
            @HeaderParam("Content-Length") Long contentLength,
            InputStream body) {
        caller.get().require(Role.NATIONAL_ADMIN);
        boolean dry = QueryParams.flag("dryRun", dryRun);
        var effective = QueryParams.date("effectiveDate", effectiveDate);
        long max = config.maxBytes();
        if (contentLength != null && contentLength > max) {
            throw tooLarge(max);
        }
        String text = CsvUpload.text(readAtMost(body, max));
        return imports.importPhase(caller.get(), phase, text, dry, effective, "territory.import");
    }

    static byte[] readAtMost(InputStream in, long max) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ProblemException.badRequest("could not read the uploaded file: " + e.getMessage());
        }
    }

    static ProblemException tooLarge(long max) {
        return new ProblemException(413, "payload-too-large", "File too large",
                "The import accepts files up to " + max + " bytes. Nothing was imported.")
                .with("maxBytes", max);
    }
}
