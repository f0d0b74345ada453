package fr.gouv.ti.territory.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A Territoire d'industrie of one phase, with every membership period of its perimeter (past ones included) and its
 * pilots. ANCT renumbered ids between phases, so the key is (phase, tiId).
 */
public record Territory(long id, String phase, String tiId, String name, String regionCode, String status,
                        LocalDate labelledOn, LocalDate delabelledOn, String notes, long version,
                        Instant createdAt, Instant updatedAt, List<Member> members, List<Pilot> pilots) {

    public static final String LABELLED = "LABELLED";
    public static final String DELABELLED = "DELABELLED";

    /** Kafka key and CloudEvents subject: {@code 2019-2022/ti-8411}. */
    public String key() {
        return phase + "/" + tiId;
    }

    public String etag() {
        return "\"" + version + "\"";
    }

    public boolean labelled() {
        return LABELLED.equals(status);
    }

    /** Members whose period is still open. */
    public List<Member> currentPerimeter() {
        return members.stream().filter(Member::current).toList();
    }

    /** Members on the given day. */
    public List<Member> perimeterAsOf(LocalDate day) {
        return members.stream().filter(m -> m.memberOn(day)).toList();
    }

    /** Union of the departments of the current groupements, sorted. */
    public List<String> departmentCodes() {
        return currentPerimeter().stream().flatMap(m -> m.departmentCodes().stream()).distinct().sorted().toList();
    }
}
