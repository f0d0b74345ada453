package fr.gouv.ti.territory.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
/** A department of the COG 2026 (metropolitan France and DROM). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Department(String code, String name, String regionCode, String zone, String chefLieuInsee) {
}
