package fr.gouv.ti.e2e.chaos;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of the mixed load: runs its steps until the run stops, each step retried until it has a final answer.
 * A step that cannot get one within {@link #PATIENCE} (a part down for longer than any kill lasts) is left
 * unanswered and the client goes on, as a real client's queue would.
 */
abstract class Load implements Runnable {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    final Api api;
    final Acks acks;
    final String run;
    final AtomicBoolean stopping;
    final AtomicLong steps = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    volatile String lastFailure;

    Load(Api api, Acks acks, String run, AtomicBoolean stopping) {
        this.api = api;
        this.acks = acks;
        this.run = run;
        this.stopping = stopping;
    }

    abstract String name();

    /** One step of the client; returns false when it has nothing more to do. */
    abstract boolean step(long n) throws Exception;

    @Override
    public final void run() {
        for (long n = 0; !stopping.get(); n++) {
            try {
                if (!step(n)) {
                    return;
                }
                steps.incrementAndGet();
            } catch (Exception | AssertionError e) {
                failures.incrementAndGet();
                lastFailure = e.toString();
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis); // a client's pace between its own writes, not a wait for an event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
