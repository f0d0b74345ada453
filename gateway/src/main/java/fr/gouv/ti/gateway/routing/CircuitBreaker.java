package fr.gouv.ti.gateway.routing;

/**
 * Opens after a run of consecutive failures of one downstream; while open, requests fail fast with 503 instead of
 * waiting for a timeout. After the open period one trial request is let through.
 */
final class CircuitBreaker {

    private final int threshold;
    private final long openNanos;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, long openNanos) {
        this.threshold = threshold;
        this.openNanos = openNanos;
    }

    synchronized boolean allow() {
        if (consecutiveFailures < threshold) {
            return true;
        }
        if (System.nanoTime() - openedAt >= openNanos && !trialInFlight) {
            trialInFlight = true;
            return true;
        }
        return false;
    }

    synchronized void success() {
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    synchronized void failure() {
        trialInFlight = false;
        consecutiveFailures++;
        if (consecutiveFailures >= threshold) {
            openedAt = System.nanoTime();
        }
    }

    synchronized boolean isOpen() {
        return consecutiveFailures >= threshold;
    }
}
