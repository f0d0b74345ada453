package fr.gouv.ti.contract.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The regions of a territory as stored beside its lead region: ';'-separated, lead first. A territory whose
 * perimeter stays in one region has that one only; an empty column (a snapshot of an older producer) means the lead.
 */
public final class Regions {

    private Regions() {
    }

    public static List<String> of(String lead, String stored) {
        List<String> out = new ArrayList<>();
        out.add(lead);
        if (stored != null && !stored.isBlank()) {
            for (String r : stored.split(";")) {
                if (!r.isBlank() && !out.contains(r)) {
                    out.add(r);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The stored form: lead first, then the others in the order given. */
    public static String stored(String lead, List<String> all) {
        List<String> out = new ArrayList<>(of(lead, null));
        for (String r : all) {
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return String.join(";", out);
    }
}
