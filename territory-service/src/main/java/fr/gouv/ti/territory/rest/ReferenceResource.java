package fr.gouv.ti.territory.rest;

import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Region;
import fr.gouv.ti.territory.service.ReferenceData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Comparator;
import java.util.List;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data", description = "Regions and departments of the COG 2026 (metropolitan France and DROM), read-only")
public class ReferenceResource {

    private final ReferenceData references;

    public ReferenceResource(ReferenceData references) {
        this.references = references;
    }

    @GET
    @Path("/regions")
    @Operation(summary = "List the 18 regions", description = "Open data (COG 2026).")
    @APIResponse(responseCode = "200", description = "The regions", content = @Content(schema = @Schema(implementation = Region.class, type = SchemaType.ARRAY)))
    @NonBlocking
    public Response regions() {
        return referenceData(references.regions().values().stream().sorted(Comparator.comparing(Region::code)).toList());
    }

    @GET
    @Path("/regions/{code}")
    @Operation(summary = "Get a region")
    @APIResponse(responseCode = "200", description = "The region", content = @Content(schema = @Schema(implementation = Region.class)))
    @APIResponse(responseCode = "404", description = "Unknown code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @NonBlocking
    public Response region(@Parameter(example = "84") @PathParam("code") String code) {
        Region r = references.regions().get(code);
        if (r == null) {
            throw ProblemException.notFound("No region with code " + code + " in the COG 2026.");
        }
        return referenceData(r);
    }

    @GET
    @Path("/departments")
    @Operation(summary = "List the 101 departments", description = "Open data (COG 2026); optionally those of one region.")
    @APIResponse(responseCode = "200", description = "The departments", content = @Content(schema = @Schema(implementation = Department.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Unknown region",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @NonBlocking
    public Response departments(@Parameter(example = "84") @QueryParam("region") String region) {
        if (region != null && !references.regions().containsKey(region)) {
            throw ProblemException.badRequest("unknown region code " + region,
                    new Problem.FieldError("region", "unknown region code '" + region + "'"));
        }
        return referenceData(references.departments().values().stream()
                .filter(d -> region == null || d.regionCode().equals(region))
                .sorted(Comparator.comparing(Department::code)).toList());
    }

    @GET
    @Path("/departments/{code}")
    @Operation(summary = "Get a department")
    @APIResponse(responseCode = "200", description = "The department", content = @Content(schema = @Schema(implementation = Department.class)))
    @APIResponse(responseCode = "404", description = "Unknown code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @NonBlocking
    public Response department(@Parameter(example = "2A") @PathParam("code") String code) {
        Department d = references.departments().get(code);
        if (d == null) {
            throw ProblemException.notFound("No department with code " + code + " in the COG 2026.");
        }
        return referenceData(d);
    }

    /** The COG codes change once a year: caches may keep them for a day (and revalidate with the ETag after). */
    private static Response referenceData(Object body) {
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400").build();
    }
}
