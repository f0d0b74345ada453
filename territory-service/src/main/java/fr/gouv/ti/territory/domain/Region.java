package fr.gouv.ti.territory.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
/** A region of the COG 2026 (metropolitan France and DROM). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Region(String code, String name, String zone, String chefLieuInsee) {
}
