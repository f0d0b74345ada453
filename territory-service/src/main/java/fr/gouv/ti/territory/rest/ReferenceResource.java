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
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(operationId = "listRegions", summary = "List the 18 regions", description = "Open data (COG 2026).")
    @NonBlocking
    public RestResponse<List<Region>> regions() {
        return referenceData(references.regions().values().stream().sorted(Comparator.comparing(Region::code)).toList());
    }

    @GET
    @Path("/regions/{code}")
    @Operation(operationId = "getRegion", summary = "Get a region", description = "Open data: a region of the COG 2026 by its INSEE code.")
    @APIResponse(responseCode = "200", description = "The region")
    @APIResponse(responseCode = "404", description = "Unknown code")
    @NonBlocking
    public RestResponse<Region> region(@Parameter(example = "84") @PathParam("code") String code) {
        Region r = references.regions().get(code);
        if (r == null) {
            throw ProblemException.notFound("No region with code " + code + " in the COG 2026.");
        }
        return referenceData(r);
    }

    @GET
    @Path("/departments")
    @Operation(operationId = "listDepartments", summary = "List the 101 departments", description = "Open data (COG 2026); optionally those of one region.")
    @APIResponse(responseCode = "200", description = "The departments")
    @APIResponse(responseCode = "400", description = "Unknown region")
    @NonBlocking
    public RestResponse<List<Department>> departments(@Parameter(example = "84") @QueryParam("region") String region) {
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
    @Operation(operationId = "getDepartment", summary = "Get a department", description = "Open data: a department of the COG 2026 by its INSEE code (2A and 2B for Corsica).")
    @APIResponse(responseCode = "200", description = "The department")
    @APIResponse(responseCode = "404", description = "Unknown code")
    @NonBlocking
    public RestResponse<Department> department(@Parameter(example = "2A") @PathParam("code") String code) {
        Department d = references.departments().get(code);
        if (d == null) {
            throw ProblemException.notFound("No department with code " + code + " in the COG 2026.");
        }
        return referenceData(d);
    }

    /** The COG codes change once a year: caches may keep them for a day (and revalidate with the ETag after). */
    private static <T> RestResponse<T> referenceData(T body) {
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400").build();
    }
}
