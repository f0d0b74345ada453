package fr.gouv.ti.territory.domain;

/** A territory whose perimeter holds a groupement (an EPCI, or a commune for commune-based territories). */
public record Coverage(String groupementSiren, String groupementName, String groupementNature, String phase,
                       String tiId, String territoryName, String territoryStatus) {
}
