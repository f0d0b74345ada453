package fr.gouv.ti.commons.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** RFC 9457 problem details, the one error body of every service. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "correlationId", "errors"})
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record Problem(
        @Schema(description = "URI identifying the kind of problem", example = "urn:ti:problem:validation") String type,
        @Schema(description = "Short summary of the kind of problem", example = "Invalid request") String title,
        @Schema(description = "HTTP status code", example = "400") int status,
        @Schema(description = "What went wrong with this request, for a person to read") String detail,
        @Schema(description = "Path of the request") String instance,
        @Schema(description = "Correlation id of the request, to quote when asking for help") String correlationId,
        @Schema(description = "One entry per invalid field or row") List<FieldError> errors,
        @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "Field (JSON pointer-like path) or CSV column", example = "siren") String field,
            @Schema(description = "Why the value is refused") String message,
            @Schema(description = "Line of an uploaded file, when relevant") Integer line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
