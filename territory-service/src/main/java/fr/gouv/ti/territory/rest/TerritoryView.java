package fr.gouv.ti.territory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Member;
import fr.gouv.ti.territory.domain.Pilot;
import fr.gouv.ti.territory.domain.Territory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

@Schema(name = "Territory", description = "A Territoire d'industrie of one phase with its perimeter (current, or as of a date)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TerritoryView(
        @Schema(example = "2019-2022") String phase,
        @Schema(example = "ti-8411") String tiId,
        @Schema(example = "Roanne - Tarare") String name,
        @Schema(description = "Region of the territory (INSEE code)", example = "84") String regionCode,
        @Schema(description = "Regions of the perimeter's departments") List<String> regionCodes,
        @Schema(description = "Departments of the perimeter's groupements", example = "[\"01\",\"42\",\"69\"]") List<String> departmentCodes,
        @Schema(enumeration = {"LABELLED", "DELABELLED"}, example = "LABELLED") String status,
        LocalDate labelledOn,
        LocalDate delabelledOn,
        String notes,
        @Schema(description = "Date of the perimeter shown, when asked with asOf") LocalDate asOf,
        List<MemberView> perimeter,
        List<PilotView> pilots,
        @Schema(description = "Also the ETag") long version,
        Instant updatedAt) {

    @Schema(name = "Groupement")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberView(@Schema(example = "200035731") String siren,
                             @Schema(example = "CA Roannais Agglomération") String name,
                             String officialName,
                             @Schema(enumeration = {"CC", "CA", "CU", "METRO", "MET69", "EPT", "COM"}) String nature,
                             List<String> departmentCodes,
                             LocalDate validFrom,
                             @Schema(description = "First day it is no longer a member; absent while it is") LocalDate validTo) {
        static MemberView of(Member m) {
            return new MemberView(m.siren(), m.name(), m.officialName(), m.nature(), m.departmentCodes(),
                    m.validFrom(), m.validTo());
        }
    }

    @Schema(name = "PilotView")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PilotView(String name, String role, String organisation) {
        static PilotView of(Pilot p) {
            return new PilotView(p.name(), p.role(), p.organisation());
        }
    }

    public static TerritoryView of(Territory t, LocalDate asOf, Map<String, Department> departments) {
        return of(t, asOf, false, departments);
    }

    /** With {@code history}, {@code perimeter} lists every membership period, past ones included. */
    public static TerritoryView of(Territory t, LocalDate asOf, boolean history, Map<String, Department> departments) {
        List<Member> perimeter = asOf == null ? t.currentPerimeter() : t.perimeterAsOf(asOf);
        List<Member> shown = history ? t.members() : perimeter;
        List<String> deps = perimeter.stream().flatMap(m -> m.departmentCodes().stream()).distinct().sorted().toList();
        List<String> regions = deps.stream().map(departments::get).filter(Objects::nonNull)
                .map(Department::regionCode).distinct().sorted().toList();
        return new TerritoryView(t.phase(), t.tiId(), t.name(), t.regionCode(), regions, deps, t.status(),
                t.labelledOn(), t.delabelledOn(), t.notes(), asOf, shown.stream().map(MemberView::of).toList(),
                t.pilots().stream().map(PilotView::of).toList(), t.version(), t.updatedAt());
    }
}
