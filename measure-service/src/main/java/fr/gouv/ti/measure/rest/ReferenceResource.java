package fr.gouv.ti.measure.rest;

import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.web.QueryParams;
import fr.gouv.ti.measure.domain.Operator;
import fr.gouv.ti.measure.service.ReferenceData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data", description = "Axes of each phase, operators and funding sources of the programme (open data)")
public class ReferenceResource {

    private final ReferenceData reference;
    private final Clock clock;

    public ReferenceResource(ReferenceData reference, Clock clock) {
        this.reference = reference;
        this.clock = clock;
    }

    @GET
    @Path("/axes")
    @Operation(operationId = "listAxes", summary = "List the axes", description = "The 4 enjeux of 2019-2022 (recruter, innover, attirer des "
            + "projets, simplifier) and the 4 national priorities of 2023-2027. Open data.")
    @APIResponse(responseCode = "200", description = "The axes, by phase then position")
    @APIResponse(responseCode = "400", description = "Unknown phase")
    public List<AxisView> axes(@Parameter(description = "2019-2022 or 2023-2027", example = "2019-2022")
                               @QueryParam("phase") String phase) {
        String p = Params.blankToNull(phase);
        if (p != null && !ReferenceData.PHASES.contains(p)) {
            throw ProblemException.badRequest("phase must be one of " + ReferenceData.PHASES + ".",
                    new FieldError("phase", "must be one of " + ReferenceData.PHASES));
        }
        return reference.axes(p).stream().map(AxisView::of).toList();
    }

    @GET
    @Path("/operators")
    @Operation(operationId = "listOperators", summary = "List the operators", description = "Stable codes, the name on a date (asOf, default today) "
            + "and every name with its dates: FRANCE_TRAVAIL was named Pôle emploi until 31 Dec. 2023. Open data.")
    @APIResponse(responseCode = "200", description = "The operators, by code")
    @APIResponse(responseCode = "400", description = "Malformed asOf")
    public List<OperatorView> operators(@Parameter(description = "Date for the names", example = "2019-03-05")
                                        @QueryParam("asOf") String asOf) {
        LocalDate date = orToday(QueryParams.date("asOf", asOf));
        return reference.operators().stream().map(o -> OperatorView.of(o, date, aliases(o))).toList();
    }

    @GET
    @Path("/operators/{code}")
    @Operation(operationId = "getOperator", summary = "Get one operator", description = "By its code; the code of an older source (POLE_EMPLOI) "
            + "answers with the operator it maps to (FRANCE_TRAVAIL).")
    @APIResponse(responseCode = "200", description = "The operator")
    @APIResponse(responseCode = "404", description = "No such operator")
    public OperatorView operator(@Parameter(example = "FRANCE_TRAVAIL") @PathParam("code") String code,
                                 @Parameter(description = "Date for the name", example = "2019-03-05")
                                 @QueryParam("asOf") String asOf) {
        Operator o = reference.operator(code);
        return OperatorView.of(o, orToday(QueryParams.date("asOf", asOf)), aliases(o));
    }

    private LocalDate orToday(LocalDate date) {
        return date != null ? date : LocalDate.now(clock);
    }

    private List<String> aliases(Operator o) {
        return reference.aliasesOf(o.code);
    }
}
