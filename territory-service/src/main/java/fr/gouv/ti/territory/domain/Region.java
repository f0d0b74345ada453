package fr.gouv.ti.territory.domain;

/** A region of the COG 2026 (metropolitan France and DROM). */
public record Region(String code, String name, String zone, String chefLieuInsee) {
}
