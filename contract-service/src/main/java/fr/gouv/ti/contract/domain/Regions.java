package fr.gouv.ti.contract.domain;

import fr.gouv.ti.commons.codes.TerritoryRegions;

import java.util.Arrays;
import java.util.List;

/**
 * The regions of a territory as stored beside its lead region: ';'-separated, lead first. A territory whose
 * perimeter stays in one region has that one only; an empty column (a snapshot of an older producer) means the lead.
 */
public final class Regions {

    private Regions() {
    }

    public static List<String> of(String lead, String stored) {
        return TerritoryRegions.leadFirst(lead, stored == null ? null : Arrays.asList(stored.split(";")));
    }

    /** The stored form: lead first, then the others in the order given. */
    public static String stored(String lead, List<String> all) {
        return String.join(";", TerritoryRegions.leadFirst(lead, all));
    }
}
