package fr.gouv.ti.webhook.domain;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The event types a subscription may name, as the four services publish them (their AsyncAPI documents). A
 * subscription names exact types or patterns ending in {@code .*} ({@code fr.gouv.ti.contract.*},
 * {@code fr.gouv.ti.*}), each of which must match at least one known type.
 */
public final class EventTypes {

    /** Type → topic it comes from. */
    public static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("fr.gouv.ti.territory.labelled.v1", "ti.territory.v1"),
            Map.entry("fr.gouv.ti.territory.updated.v1", "ti.territory.v1"),
            Map.entry("fr.gouv.ti.territory.perimeter-changed.v1", "ti.territory.v1"),
            Map.entry("fr.gouv.ti.territory.delabelled.v1", "ti.territory.v1"),
            Map.entry("fr.gouv.ti.catalogue.published.v1", "ti.measure.v1"),
            Map.entry("fr.gouv.ti.measure.retired.v1", "ti.measure.v1"),
            Map.entry("fr.gouv.ti.reference.published.v1", "ti.measure.v1"),
            Map.entry("fr.gouv.ti.contract.protocol-signed.v1", "ti.contract.v1"),
            Map.entry("fr.gouv.ti.contract.signed.v1", "ti.contract.v1"),
            Map.entry("fr.gouv.ti.contract.amended.v1", "ti.contract.v1"),
            Map.entry("fr.gouv.ti.contract.closed.v1", "ti.contract.v1"),
            Map.entry("fr.gouv.ti.contract.abandoned.v1", "ti.contract.v1"),
            Map.entry("fr.gouv.ti.action.created.v1", "ti.contract.v1"),
            Map.entry("fr.gouv.ti.action.updated.v1", "ti.contract.v1"),
            Map.entry("fr.gouv.ti.funding.allocated.v1", "ti.funding.v1"),
            Map.entry("fr.gouv.ti.funding.committed.v1", "ti.funding.v1"),
            Map.entry("fr.gouv.ti.funding.disbursed.v1", "ti.funding.v1"),
            Map.entry("fr.gouv.ti.funding.cancelled.v1", "ti.funding.v1"),
            Map.entry("fr.gouv.ti.funding.reversed.v1", "ti.funding.v1"));

    private EventTypes() {
    }

    public static List<String> sorted() {
        return KNOWN.keySet().stream().sorted().toList();
    }

    /** True if {@code pattern} is a known type or a {@code .*} pattern that matches one. */
    public static boolean isValidPattern(String pattern) {
        return pattern != null && KNOWN.keySet().stream().anyMatch(matcher(pattern));
    }

    public static boolean matchesAny(List<String> patterns, String type) {
        for (String p : patterns) {
            if (matcher(p).test(type)) {
                return true;
            }
        }
        return false;
    }

    private static Predicate<String> matcher(String pattern) {
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return t -> t.startsWith(prefix);
        }
        return pattern::equals;
    }
}
