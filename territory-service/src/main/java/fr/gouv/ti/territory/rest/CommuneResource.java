package fr.gouv.ti.territory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.commons.web.CsvUpload;
import fr.gouv.ti.commons.web.QueryParams;
import fr.gouv.ti.territory.config.ImportConfig;
import fr.gouv.ti.territory.service.CommuneImportService;
import fr.gouv.ti.territory.service.CommuneIndex;
import fr.gouv.ti.territory.service.CommuneLookupService;
import fr.gouv.ti.territory.service.TerritoryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/communes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Communes", description = "Is this place in a Territoire d'industrie? Lookup by commune, postal code, EPCI or name")
public class CommuneResource {

    private final CommuneLookupService lookup;
    private final CommuneImportService imports;
    private final CommuneIndex index;
    private final TerritoryService territories;
    private final CurrentCaller caller;
    private final ImportConfig config;

    public CommuneResource(CommuneLookupService lookup, CommuneImportService imports, CommuneIndex index,
                           TerritoryService territories, CurrentCaller caller, ImportConfig config) {
        this.lookup = lookup;
        this.imports = imports;
        this.index = index;
        this.territories = territories;
        this.caller = caller;
        this.config = config;
    }

    @Schema(name = "CommuneLookups")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answers(List<CommuneLookupService.Answer> items) {
    }

    @GET
    @Path("/{insee}")
    @Operation(operationId = "lookupCommune", summary = "Is this commune in a Territoire d'industrie?",
            description = "Open data. The commune (COG 2026), its EPCI, and for each phase the territories covering "
                    + "it (through its EPCI, or directly for commune-based territories), or `inTerritoireDIndustrie: "
                    + "false`. Without `asOf`: current perimeters of labelled territories; with `asOf`: those in force "
                    + "that day.")
    @APIResponse(responseCode = "200", description = "The answer",
            content = @Content(schema = @Schema(implementation = CommuneLookupService.Answer.class)))
    @APIResponse(responseCode = "400", description = "Malformed INSEE code or date")
    @APIResponse(responseCode = "404", description = "No such commune")
    public CommuneLookupService.Answer byInsee(
            @Parameter(description = "INSEE code: 5 digits, 2A/2B + 3 digits (Corsica), 97x.. (DROM)", example = "42187") @PathParam("insee") String insee,
            @Parameter(description = "Date of the perimeters", example = "2021-06-30") @QueryParam("asOf") String asOf) {
        return lookup.byInsee(insee, QueryParams.date("asOf", asOf));
    }

    @GET
    @Operation(operationId = "searchCommunes", summary = "Lookup by postal code, EPCI or commune name",
            description = "Open data. Exactly one of `postalCode` (every commune sharing it is answered), `epci` "
                    + "(SIREN: every member commune) or `name` (ignores case, accents and punctuation; `department` "
                    + "narrows homonyms). Same answer per commune as GET /communes/{insee}.")
    @APIResponse(responseCode = "200", description = "One answer per commune (empty for a name that matches none)",
            content = @Content(schema = @Schema(implementation = Answers.class)))
    @APIResponse(responseCode = "400", description = "Malformed or missing parameter")
    @APIResponse(responseCode = "404", description = "Unknown postal code or EPCI")
    public Answers search(@Parameter(example = "42300") @QueryParam("postalCode") String postalCode,
                          @Parameter(example = "200035731") @QueryParam("epci") String epci,
                          @Parameter(example = "roanne") @QueryParam("name") String name,
                          @Parameter(example = "42") @QueryParam("department") String department,
                          @QueryParam("asOf") String asOf) {
        LocalDate day = QueryParams.date("asOf", asOf);
        int given = (postalCode != null ? 1 : 0) + (epci != null ? 1 : 0) + (name != null ? 1 : 0);
        if (given != 1) {
            throw ProblemException.badRequest("Give exactly one of postalCode, epci or name.",
                    new Problem.FieldError("postalCode", "exactly one of postalCode, epci, name"));
        }
        if (department != null && name == null) {
            throw ProblemException.badRequest("department only narrows a search by name.",
                    new Problem.FieldError("department", "only with name"));
        }
        if (postalCode != null) {
            return new Answers(lookup.byPostalCode(postalCode, day));
        }
        if (epci != null) {
            return new Answers(lookup.byEpci(epci, day));
        }
        return new Answers(lookup.byName(name, department, day));
    }

    @POST
    @Path("/import")
    @Consumes({PhaseResource.CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "importCommunes", summary = "Replace the communes by a newer vintage (national administrator)",
            description = "CSV with the columns commune_insee,commune_name,commune_siren,department_code,region_code,"
                    + "epci_siren,postal_codes,population (postal codes separated by spaces), separated by commas or "
                    + "semicolons, UTF-8 or Windows-1252 (a file in another encoding is a 422 saying how to save it as "
                    + "CSV UTF-8). All or nothing: any bad "
                    + "row → 422 listing every bad row (line, column, reason). `dryRun=true` reports the counts without "
                    + "writing. The same file twice changes nothing.")
    @RequestBody(content = @Content(mediaType = PhaseResource.CSV))
    @APIResponse(responseCode = "200", description = "What changed (or would change)",
            content = @Content(schema = @Schema(implementation = CommuneImportService.Report.class)))
    @APIResponse(responseCode = "401", description = "Anonymous")
    @APIResponse(responseCode = "403", description = "Not a national administrator")
    @APIResponse(responseCode = "413", description = "File too large (8 MiB by default)")
    @APIResponse(responseCode = "422", description = "Malformed CSV or bad rows; nothing imported")
    public CommuneImportService.Report importCommunes(@QueryParam("dryRun") String dryRun,
                                                      @HeaderParam("Content-Length") Long contentLength,
                                                      InputStream body) {
        caller.get().require(Role.NATIONAL_ADMIN);
        boolean dry = QueryParams.flag("dryRun", dryRun);
        long max = config.communesMaxBytes();
        if (contentLength != null && contentLength > max) {
            throw PhaseResource.tooLarge(max);
        }
        String text = CsvUpload.text(PhaseResource.readAtMost(body, max));
        CommuneImportService.Report report = imports.importCommunes(caller.get(), text, dry);
        if (report.changed() && !dry) {
            index.invalidate();
        }
        return report;
    }
}
