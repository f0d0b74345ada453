package fr.gouv.ti.territory.domain;

import java.time.Instant;
import java.util.List;

/** Filters of the territory list; null means "any". Text tokens are already normalised. */
public record TerritoryFilter(String phase, String regionCode, String departmentCode, String siren, String nature,
                              String status, List<String> textTokens, Instant updatedSince,
                              String afterPhase, String afterTiId, int limit) {
}
