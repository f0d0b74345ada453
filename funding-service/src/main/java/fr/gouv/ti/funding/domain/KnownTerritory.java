package fr.gouv.ti.funding.domain;

import fr.gouv.ti.commons.codes.TerritoryRegions;

import java.util.List;

/**
 * A territory as the registry (territory-service) last published it: its lead region and every region its
 * perimeter reaches. The ledger's regions come from here, not from what a caller writes.
 */
public record KnownTerritory(String phase, String tiId, String regionCode, List<String> regionCodes, String name,
                             String status, long version) {

    public KnownTerritory {
        regionCodes = TerritoryRegions.leadFirst(regionCode, regionCodes);
    }

    /** A delabelled territory receives no new money; what it already holds stays on the ledger. */
    public boolean labelled() {
        return !"DELABELLED".equals(status);
    }

    public boolean inRegion(String code) {
        return regionCodes.contains(code);
    }
}
