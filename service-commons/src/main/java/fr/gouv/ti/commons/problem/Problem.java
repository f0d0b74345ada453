package fr.gouv.ti.commons.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details, the one error body of every service. Its schema in the OpenAPI documents ("Problem",
 * "FieldError") is written once, by {@code fr.gouv.ti.apidocs.ApiConventions}, for the services and the gateway.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "correlationId", "errors"})
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String correlationId,
        List<FieldError> errors,
        Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(
            String field,
            String message,
            Integer line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
