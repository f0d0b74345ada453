package fr.gouv.ti.gateway.edge;

import fr.gouv.ti.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed authentications per client address (IPv6 by /64) in a fixed window: past the limit, the address gets 429
 * for any request carrying credentials until the window ends, before any key lookup or token check. Guessing keys
 * or tokens is then bounded, and so is the database work an attacker can cause with unknown keys.
 */
@ApplicationScoped
public class AuthFailures {

    private final int max;
    private final long windowNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

    public AuthFailures(GatewayConfig config) {
        this.max = config.authFailures().max();
        this.windowNanos = config.authFailures().window().toNanos();
    }

    /** Seconds until the address may try again, 0 when it may now. */
    public long retryAfterSeconds(String address) {
        Window w = windows.get(ClientAddress.limitKey(address));
        if (w == null) {
            return 0;
        }
        return w.retryAfterSeconds(System.nanoTime());
    }

    public void failed(String address) {
        long now = System.nanoTime();
        windows.compute(ClientAddress.limitKey(address), (k, w) -> {
            if (w == null || now - w.start >= windowNanos) {
                return new Window(now, 1);
            }
            return new Window(w.start, w.count + 1);
        });
        sweep(now);
    }

    int tracked() {
        return windows.size();
    }

    /** Windows that ended are dropped, at most once per window length, by whichever thread comes first. */
    private void sweep(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + windowNanos)) {
            windows.values().removeIf(w -> now - w.start >= windowNanos);
        }
    }

    private final class Window {
        final long start;
        final int count;

        Window(long start, int count) {
            this.start = start;
            this.count = count;
        }

        long retryAfterSeconds(long now) {
            long left = start + windowNanos - now;
            if (count < max || left <= 0) {
                return 0;
            }
            return Math.max(1, (long) Math.ceil(left / 1e9));
        }
    }
}
