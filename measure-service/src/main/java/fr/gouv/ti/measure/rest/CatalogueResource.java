package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.CurrentCaller;
import fr.gouv.ti.commons.web.QueryParams;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;
import fr.gouv.ti.measure.service.CatalogueEditor;
import fr.gouv.ti.measure.service.CatalogueService.MeasureFilter;
import fr.gouv.ti.measure.service.CatalogueService;
import fr.gouv.ti.measure.service.Etags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue", description = "Versions of the catalogue: read (open data), diff, and for the national "
        + "administrator the draft → publish cycle (ETag / If-Match on the draft)")
public class CatalogueResource {

    private static final String MEASURE_EXAMPLE = """
            {"axis":"RECRUTER","titleFr":"Écoles de production : soutien en ingénierie et en financement",
             "operators":["ETAT"],"firstSeen":"2020","validFrom":"2020-01-01",
             "sourceUrl":"https://2017-2022.nosdeputes.fr/15/intervention/1028626","wording":"PARAPHRASE"}""";

    private final CatalogueService catalogue;
    private final CatalogueEditor editor;
    private final CurrentCaller caller;
    private final Views views;
    private final ObjectMapper json;

    public CatalogueResource(CatalogueService catalogue, CatalogueEditor editor, CurrentCaller caller, Views views,
                             ObjectMapper json) {
        this.catalogue = catalogue;
        this.editor = editor;
        this.caller = caller;
        this.views = views;
        this.json = json;
    }

    // ---------------------------------------------------------------- reads (open data)

    @GET
    @Operation(operationId = "getCatalogue", summary = "The catalogue in force on a date", description = "The version in force on `asOf` (default: "
            + "the current version) with all its measures, retired ones included. Operator names as of that date.")
    @APIResponse(responseCode = "200", description = "Version and measures")
    @APIResponse(responseCode = "400", description = "Malformed date")
    @APIResponse(responseCode = "404", description = "No version in force on that date")
    public CatalogueView asOf(@Parameter(description = "Date", example = "2019-06-01") @QueryParam("asOf") String asOf) {
        LocalDate date = QueryParams.date("asOf", asOf);
        CatalogueVersion v = catalogue.resolve(caller.get(), null, date);
        return new CatalogueView(date, views.version(v), views.measures(catalogue.all(v), v.number, date));
    }

    @GET
    @Path("/versions")
    @Operation(operationId = "listCatalogueVersions", summary = "List catalogue versions", description = "Published versions by number (and the open draft "
            + "for the national administrator), each with its official count when sources state one and the number "
            + "of entries it actually holds. Cursor pagination.")
    @APIResponse(responseCode = "200", description = "One page of versions")
    @APIResponse(responseCode = "400", description = "Malformed parameter")
    public Page<VersionView> versions(
            @Parameter(description = "Only versions changed after this instant", example = "2024-01-01T00:00:00Z")
            @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int max = Cursor.limit(limit);
        Integer after = cursor == null ? null : QueryParams.integer("cursor", Cursor.decode(cursor));
        List<CatalogueVersion> all = catalogue.versions(caller.get(), QueryParams.instant("updatedSince", updatedSince))
                .stream().filter(v -> after == null || v.number > after).toList();
        List<CatalogueVersion> page = all.size() > max ? all.subList(0, max) : all;
        String next = all.size() > max ? Cursor.encode(String.valueOf(page.get(max - 1).number)) : null;
        return new Page<>(page.stream().map(views::version).toList(), next);
    }

    @GET
    @Path("/versions/current")
    @Operation(operationId = "getCurrentCatalogueVersion", summary = "The current version", description = "The published version in force today.")
    @APIResponse(responseCode = "200", description = "The version", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "404", description = "Nothing published yet")
    public Response current() {
        CatalogueVersion v = catalogue.resolve(caller.get(), null, null);
        return Response.ok(views.version(v)).tag(etagValue(v)).build();
    }

    @GET
    @Path("/versions/{number}")
    @Operation(operationId = "getCatalogueVersion", summary = "Get a version", description = "A published version (immutable), or the open draft for the "
            + "national administrator. The ETag header is what If-Match must carry to edit the draft.")
    @APIResponse(responseCode = "200", description = "The version", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "404", description = "No such version")
    public Response version(@Parameter(example = "1") @PathParam("number") int number) {
        CatalogueVersion v = catalogue.visible(caller.get(), number);
        return Response.ok(views.version(v)).tag(etagValue(v)).build();
    }

    @GET
    @Path("/versions/{number}/measures")
    @Operation(operationId = "listVersionMeasures", summary = "Measures of a version", description = "Same filters as GET /api/v1/measures.")
    @APIResponse(responseCode = "200", description = "One page of measures")
    @APIResponse(responseCode = "400", description = "Unknown filter value")
    @APIResponse(responseCode = "404", description = "No such version")
    public Page<MeasureView> versionMeasures(@Parameter(example = "1") @PathParam("number") int number,
                                             @QueryParam("phase") String phase, @QueryParam("axis") String axis,
                                             @QueryParam("operator") String operator,
                                             @QueryParam("status") String status, @QueryParam("q") String q,
                                             @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        CatalogueVersion v = catalogue.visible(caller.get(), number);
        Page<MeasureEntry> page = catalogue.measures(v, new MeasureFilter(Params.blankToNull(phase),
                Params.blankToNull(axis), Params.blankToNull(operator), Params.blankToNull(status), q, null),
                cursor, limit);
        return new Page<>(views.measures(page.items(), v.number, v.effectiveDate), page.nextCursor());
    }

    @GET
    @Path("/versions/{number}/measures/{code}")
    @Operation(operationId = "getVersionMeasure", summary = "A measure of a version", description = "The measure as it stands in that version.")
    @APIResponse(responseCode = "200", description = "The measure")
    @APIResponse(responseCode = "404", description = "No such version or measure")
    public MeasureView versionMeasure(@Parameter(example = "1") @PathParam("number") int number,
                                      @Parameter(example = "RECRUTER-01") @PathParam("code") String code) {
        CatalogueVersion v = catalogue.visible(caller.get(), number);
        return views.measure(catalogue.measure(v, code), v.number, v.effectiveDate);
    }

    @GET
    @Path("/diff")
    @Operation(operationId = "diffCatalogueVersions", summary = "Diff between two versions", description = "Measures added, removed, newly retired, "
            + "reworded (titles or description) and otherwise changed from version `from` to version `to`.")
    @APIResponse(responseCode = "200", description = "The diff")
    @APIResponse(responseCode = "400", description = "Missing or malformed from/to")
    @APIResponse(responseCode = "404", description = "No such version")
    public DiffView diff(@Parameter(required = true, example = "1") @QueryParam("from") String from,
                         @Parameter(required = true, example = "2") @QueryParam("to") String to) {
        Integer f = QueryParams.integer("from", from);
        Integer t = QueryParams.integer("to", to);
        if (f == null || t == null) {
            throw ProblemException.badRequest("Both from and to (version numbers) are required.",
                    new FieldError(f == null ? "from" : "to", "required"));
        }
        return catalogue.diff(caller.get(), f, t);
    }

    // ---------------------------------------------------------------- writes (national administrator)

    @POST
    @Path("/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openCatalogueDraft", summary = "Open a draft", description = "Opens the draft of the next version as a copy of the current "
            + "one. One draft at a time. National administrator only.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "draft",
            value = "{\"label\":\"Offre de services 2020\"}")))
    @APIResponse(responseCode = "201", description = "Draft opened", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "Anonymous caller")
    @APIResponse(responseCode = "403", description = "Not the national administrator")
    @APIResponse(responseCode = "409", description = "A draft is already open")
    @APIResponse(responseCode = "422", description = "Official count without its source")
    public Response openDraft(@Valid @NotNull NewDraft request, UriInfo uri) {
        CatalogueVersion v = editor.openDraft(caller.get(), request,
                Params.hash(json, "POST", uri.getPath(), request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(v.number)).build())
                .tag(etagValue(v)).entity(views.version(v)).build();
    }

    @DELETE
    @Path("/versions/{number}")
    @Operation(operationId = "discardCatalogueDraft", summary = "Discard the draft", description = "Deletes the open draft. A published version cannot be "
            + "deleted (409).")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "Version published: immutable")
    @APIResponse(responseCode = "412", description = "If-Match does not match the draft's ETag")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response discard(@PathParam("number") int number,
                            @Parameter(description = "ETag of the draft") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        editor.discardDraft(caller.get(), number, ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/versions/{number}/measures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addDraftMeasure", summary = "Add a measure to the draft", description = "The code is generated (<AXIS>-<next number>) "
            + "when omitted. Axis and operators must be known; codes are never reused. Needs If-Match.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "measure", value = MEASURE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Added; the response's ETag is the draft's new ETag",
            headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not the national administrator")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "Version published (immutable), or code already used")
    @APIResponse(responseCode = "412", description = "If-Match does not match the draft's ETag")
    @APIResponse(responseCode = "422", description = "Unknown axis or operator, inconsistent dates, no source")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response addMeasure(@PathParam("number") int number,
                               @Parameter(description = "ETag of the draft") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Valid @NotNull MeasureRequest request, UriInfo uri) {
        CatalogueEditor.Edited e = editor.addMeasure(caller.get(), number, ifMatch, request,
                Params.hash(json, "POST", uri.getPath(), request));
        return Response.created(uri.getAbsolutePathBuilder().path(e.measure().code).build())
                .tag(etagValue(e.draft())).entity(views.measure(e.measure(), number, null)).build();
    }

    @PUT
    @Path("/versions/{number}/measures/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateDraftMeasure", summary = "Change a measure of the draft", description = "Replaces its content (rewording, axis, "
            + "operators, envelope, validity, source). The code never changes. Needs If-Match.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "measure", value = MEASURE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Changed; ETag is the draft's new ETag", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "404", description = "No such version or measure")
    @APIResponse(responseCode = "409", description = "Version published (immutable), or measure retired")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "422", description = "Unknown axis or operator, inconsistent dates, no source")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response updateMeasure(@PathParam("number") int number, @PathParam("code") String code,
                                  @Parameter(description = "ETag of the draft") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @Valid @NotNull MeasureRequest request, UriInfo uri) {
        CatalogueEditor.Edited e = editor.updateMeasure(caller.get(), number, code, ifMatch, request,
                Params.hash(json, "PUT", uri.getPath(), request));
        return Response.ok(views.measure(e.measure(), number, null)).tag(etagValue(e.draft())).build();
    }

    @POST
    @Path("/versions/{number}/measures/{code}/retire")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retireDraftMeasure", summary = "Retire a measure in the draft", description = "The measure stays in the catalogue with "
            + "status RETIRED and validity ending on retiredOn; publishing emits measure.retired. Needs If-Match.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "retire", value = "{\"retiredOn\":\"2022-12-31\"}")))
    @APIResponse(responseCode = "200", description = "Retired; ETag is the draft's new ETag", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "404", description = "No such version or measure")
    @APIResponse(responseCode = "409", description = "Version published, or measure already retired")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "422", description = "retiredOn before validFrom")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response retire(@PathParam("number") int number, @PathParam("code") String code,
                           @Parameter(description = "ETag of the draft") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull RetireRequest request, UriInfo uri) {
        CatalogueEditor.Edited e = editor.retireMeasure(caller.get(), number, code, ifMatch, request,
                Params.hash(json, "POST", uri.getPath(), request));
        return Response.ok(views.measure(e.measure(), number, null)).tag(etagValue(e.draft())).build();
    }

    @DELETE
    @Path("/versions/{number}/measures/{code}")
    @Operation(operationId = "removeDraftMeasure", summary = "Remove a measure added in the draft", description = "Only for a measure never published; "
            + "a published measure is retired instead, so that it stays readable. Needs If-Match.")
    @APIResponse(responseCode = "204", description = "Removed; ETag is the draft's new ETag", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "404", description = "No such version or measure")
    @APIResponse(responseCode = "409", description = "Version published, or measure published (retire it)")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response removeMeasure(@PathParam("number") int number, @PathParam("code") String code,
                                  @Parameter(description = "ETag of the draft") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        CatalogueVersion v = editor.removeMeasure(caller.get(), number, code, ifMatch);
        return Response.noContent().tag(etagValue(v)).build();
    }

    @POST
    @Path("/versions/{number}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishCatalogueVersion", summary = "Publish the draft", description = "Freezes the draft as an immutable version in force from "
            + "effectiveDate, which becomes the current version once that date is reached. Emits "
            + "fr.gouv.ti.catalogue.published.v1 (with all its measures) and fr.gouv.ti.measure.retired.v1 for each "
            + "measure newly retired. Needs If-Match.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "publish",
            value = "{\"effectiveDate\":\"2020-09-01\"}")))
    @APIResponse(responseCode = "200", description = "Published", headers = @Header(name = "ETag"))
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "Already published")
    @APIResponse(responseCode = "412", description = "If-Match does not match")
    @APIResponse(responseCode = "422", description = "effectiveDate before the current version's")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response publish(@PathParam("number") int number,
                            @Parameter(description = "ETag of the draft") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull PublishRequest request, UriInfo uri) {
        CatalogueVersion v = editor.publish(caller.get(), number, ifMatch, request,
                Params.hash(json, "POST", uri.getPath(), request));
        return Response.ok(views.version(v)).tag(etagValue(v)).build();
    }

    /** The ETag without its quotes, as Response.tag(String) adds them. */
    private static String etagValue(CatalogueVersion v) {
        String e = Etags.of(v);
        return e.substring(1, e.length() - 1);
    }
}
