package fr.gouv.ti.territory.domain;

/** One of the pair of pilots of a territory: an elected official or an industrialist. */
public record Pilot(String name, String role, String organisation) {
}
