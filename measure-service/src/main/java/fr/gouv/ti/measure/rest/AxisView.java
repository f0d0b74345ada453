package fr.gouv.ti.measure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.measure.domain.Axis;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Axis", description = "An enjeu (2019-2022) or national priority (2023-2027)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AxisView(
        @Schema(example = "RECRUTER") String code,
        @Schema(example = "2019-2022") String phase,
        @Schema(example = "Recruter") String labelFr,
        int position,
        String source) {

    public static AxisView of(Axis a) {
        return new AxisView(a.code, a.phase, a.labelFr, a.position, a.source);
    }
}
