package fr.gouv.ti.measure.rest;

import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.reads.DataChanges;
import fr.gouv.ti.commons.reads.RenderedReads;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.security.Role;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import fr.gouv.ti.commons.web.QueryParams;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;
import fr.gouv.ti.measure.service.CatalogueService.MeasureFilter;
import fr.gouv.ti.measure.service.CatalogueService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/measures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Measures", description = "The measures of the catalogue, in the current version, a given version, or "
        + "the version in force on a date (open data)")
public class MeasureResource {

    private final CatalogueService catalogue;
    private final CurrentCaller caller;
    private final Views views;
    private final RenderedReads reads;

    private final Clock clock;

    public MeasureResource(CatalogueService catalogue, CurrentCaller caller, Views views, DataChanges changes,
                           Clock clock) {
        this.clock = clock;
        this.catalogue = catalogue;
        this.caller = caller;
        this.views = views;
        // the catalogue changes a few times a year and is read by every fiche-action form: answers kept rendered
        this.reads = changes.renderedReads(2_000);
    }

    @GET
    @Operation(operationId = "listMeasures", summary = "List and filter measures", description = "Measures of the current catalogue version, or of "
            + "`version`, or of the version in force on `asOf`. Filters combine (AND); `q` matches code, titles and "
            + "description, ignoring accents and case (\"ecoles\" finds \"Écoles de production\"). Operator names are "
            + "given as of `asOf` (default today). Cursor pagination by code.")
    @APIResponse(responseCode = "200", description = "One page of measures",
            content = @Content(schema = @Schema(implementation = MeasurePage.class)))
    @APIResponse(responseCode = "400", description = "Unknown axis, operator, phase or status; malformed date, "
            + "limit or cursor")
    @APIResponse(responseCode = "404", description = "No such version, or none in force on that date")
    @NonBlocking
    public Uni<Response> list(
            @Parameter(description = "2019-2022 or 2023-2027", example = "2019-2022") @QueryParam("phase") String phase,
            @Parameter(description = "Axis code", example = "RECRUTER") @QueryParam("axis") String axis,
            @Parameter(description = "Operator code (POLE_EMPLOI accepted)", example = "BPIFRANCE")
            @QueryParam("operator") String operator,
            @Parameter(description = "ACTIVE or RETIRED", example = "ACTIVE") @QueryParam("status") String status,
            @Parameter(description = "Words to find, accents and case ignored", example = "ecoles production")
            @QueryParam("q") String q,
            @Parameter(description = "Catalogue version number", example = "1") @QueryParam("version") String version,
            @Parameter(description = "Date: the version in force then", example = "2019-06-01")
            @QueryParam("asOf") String asOf,
            @Parameter(description = "Only measures whose entry changed after this instant", example = "2024-01-01T00:00:00Z")
            @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "1 to 500, default 50", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        Caller who = caller.get();
        return reads.serve(key(who, uri), () -> {
            LocalDate date = QueryParams.date("asOf", asOf);
            CatalogueVersion v = catalogue.resolve(who, QueryParams.integer("version", version), date);
            Page<MeasureEntry> page = catalogue.measures(v, new MeasureFilter(Params.blankToNull(phase),
                    Params.blankToNull(axis), Params.blankToNull(operator), Params.blankToNull(status), q,
                    QueryParams.instant("updatedSince", updatedSince)), cursor, limit);
            return new Page<>(views.measures(page.items(), v.number, date), page.nextCursor());
        });
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getMeasure", summary = "Get a measure by code", description = "The measure as it stands in the current version, "
            + "in `version`, or in the version in force on `asOf` (e.g. its older wording).")
    @APIResponse(responseCode = "200", description = "The measure",
            content = @Content(schema = @Schema(implementation = MeasureView.class)))
    @APIResponse(responseCode = "400", description = "Malformed parameter")
    @APIResponse(responseCode = "404", description = "Not in that version")
    @NonBlocking
    public Uni<Response> get(@Parameter(example = "RECRUTER-01") @PathParam("code") String code,
                             @Parameter(example = "1") @QueryParam("version") String version,
                             @Parameter(example = "2019-06-01") @QueryParam("asOf") String asOf,
                             @Context UriInfo uri) {
        Caller who = caller.get();
        return reads.serve(key(who, uri), () -> {
            LocalDate date = QueryParams.date("asOf", asOf);
            CatalogueVersion v = catalogue.resolve(who, QueryParams.integer("version", version), date);
            return views.measure(catalogue.measure(v, code), v.number, date);
        });
    }

    /**
     * What an answer depends on: the path and query, the day (versions and operator names default to those in force
     * today), and whether the caller sees drafts (the national administrator only).
     */
    private String key(Caller who, UriInfo uri) {
        return (who.is(Role.NATIONAL_ADMIN) ? "drafts|" : "published|") + LocalDate.now(clock) + "|"
                + uri.getRequestUri().getRawPath() + "?" + uri.getRequestUri().getRawQuery();
    }

    /** The schema of a page of measures, under the name the documents already give it. */
    @Schema(name = "PageMeasureView")
    public record MeasurePage(List<MeasureView> items, String nextCursor) {
    }

    @GET
    @Path("/{code}/history")
    @Operation(operationId = "getMeasureHistory", summary = "History of a measure", description = "The measure in every version that holds it, oldest "
            + "first: rewordings and retirement are visible version by version.")
    @APIResponse(responseCode = "200", description = "One entry per version")
    @APIResponse(responseCode = "404", description = "Unknown code")
    public List<MeasureView> history(@Parameter(example = "RECRUTER-01") @PathParam("code") String code) {
        List<MeasureView> out = new ArrayList<>();
        for (MeasureEntry m : catalogue.history(caller.get(), code)) {
            out.add(views.measure(m, m.version.number, m.version.effectiveDate));
        }
        return out;
    }
}
