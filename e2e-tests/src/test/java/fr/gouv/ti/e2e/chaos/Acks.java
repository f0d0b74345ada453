package fr.gouv.ti.e2e.chaos;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients saw acknowledged (a 2xx, or an earlier attempt found applied when re-reading), by kind of write,
 * each under the marker that finds it in storage: a decision reference, a title, a document reference. Also the
 * writes that were attempted but never acknowledged before the run ended: for those, zero or one copy is right.
 */
final class Acks {

    enum Kind { CONTRACT, ACTION, TRANSITION, COMMITMENT, DISBURSEMENT, PERIMETER, MEASURE, PUBLICATION }

    private final Map<Kind, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final Map<Kind, Set<String>> unanswered = new ConcurrentHashMap<>();
    final AtomicLong refused = new AtomicLong();

    void acknowledged(Kind kind, String marker) {
        acknowledged.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(marker);
        Set<String> open = unanswered.get(kind);
        if (open != null) {
            open.remove(marker);
        }
    }

    /** Attempted and left without a final answer (the run ended, or the retries ran out). */
    void unanswered(Kind kind, String marker) {
        unanswered.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(marker);
    }

    Set<String> of(Kind kind) {
        return acknowledged.getOrDefault(kind, Set.of());
    }

    Set<String> unansweredOf(Kind kind) {
        return unanswered.getOrDefault(kind, Set.of());
    }

    long total() {
        return acknowledged.values().stream().mapToLong(Set::size).sum();
    }

    long totalUnanswered() {
        return unanswered.values().stream().mapToLong(Set::size).sum();
    }
}
