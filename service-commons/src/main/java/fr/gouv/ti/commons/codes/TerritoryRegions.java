package fr.gouv.ti.commons.codes;

import java.util.ArrayList;
import java.util.List;

/**
 * The regions of a territory as the registry publishes them (ti.territory.v1 {@code regionCode} and
 * {@code regionCodes}): its lead region first, then each other region its perimeter reaches, once. One place for
 * the services that project territories (27 straddle two regions).
 */
public final class TerritoryRegions {

    private TerritoryRegions() {
    }

    /** Lead first, then the others in the order given, without repeats or blanks; others may be null. */
    public static List<String> leadFirst(String lead, Iterable<String> others) {
        List<String> out = new ArrayList<>();
        out.add(lead);
        if (others != null) {
            for (String r : others) {
                if (r != null && !r.isBlank() && !out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return List.copyOf(out);
    }
}
