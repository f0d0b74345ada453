package fr.gouv.ti.territory.domain;

/** A groupement's membership period in a territory, seen from the groupement. */
public record Membership(String phase, String tiId, String territoryName, String territoryStatus, Member member) {
}
