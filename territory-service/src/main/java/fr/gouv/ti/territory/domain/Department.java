package fr.gouv.ti.territory.domain;

/** A department of the COG 2026 (metropolitan France and DROM). */
public record Department(String code, String name, String regionCode, String zone, String chefLieuInsee) {
}
