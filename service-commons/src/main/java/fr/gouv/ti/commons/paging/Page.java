package fr.gouv.ti.commons.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a list, with the cursor of the next page (absent on the last page). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(
        @Schema(description = "Items of this page") List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; absent on the last page") String nextCursor) {
}
