package fr.gouv.ti.commons.core.change;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A read cache that is correct because it is told of every change, not because its entries are short-lived: the
 * database announces each committed change (PostgreSQL NOTIFY, heard by a {@link ChangeListener}), and the entry is
 * dropped on every instance within the listener's poll interval.
 *
 * <ul>
 * <li>While the listener is not connected ({@link #live(boolean)} false) nothing is served from the cache: a change
 * could be missed. Going live or dead empties it.</li>
 * <li>A load that was running while a change arrived is not kept (a generation counter): an answer read just
 * before a revocation cannot outlive it.</li>
 * <li>Absent values are cached as well ({@code Optional.empty()}), so a client repeating an unknown key or id costs
 * one lookup; the size is bounded, and a full cache is emptied rather than grown.</li>
 * </ul>
 * Values must be immutable: they are shared by every request.
 */
public final class NotifiedCache<K, V> {

    private final long ttlNanos;
    private final int maxEntries;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean live;

    /** {@code ttl} bounds how long an entry is reused even with no change announced (a safety net, not the rule). */
    public NotifiedCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** Empty when not cached (the caller loads it); a present {@code Optional.empty()} means "known to be absent". */
    public Optional<Optional<V>> get(K key) {
        if (!live) {
            return Optional.empty();
        }
        Entry<V> e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.storedAt >= ttlNanos) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(e.value));
    }

    /** The cached answer, or the loader's (blocking) answer, which is kept unless a change arrived meanwhile. */
    public Optional<V> get(K key, Function<K, Optional<V>> loader) {
        Optional<Optional<V>> cached = get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        long before = generation.get();
        Optional<V> loaded = loader.apply(key);
        put(key, loaded, before);
        return loaded;
    }

    /** Taken before a load and given back to {@link #put}: the answer is kept only if nothing changed meanwhile. */
    public long generation() {
        return generation.get();
    }

    public void put(K key, Optional<V> value, long generationBeforeLoad) {
        if (!live || generation.get() != generationBeforeLoad) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value.orElse(null), System.nanoTime()));
        if (generation.get() != generationBeforeLoad) {
            // a change arrived between the check and the put: it may concern this key
            entries.remove(key);
        }
    }

    public void invalidate(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** Whether changes are being heard; entries are served only then. */
    public void live(boolean listening) {
        invalidateAll();
        this.live = listening;
    }

    public boolean isLive() {
        return live;
    }

    public int size() {
        return entries.size();
    }

    private record Entry<V>(V value, long storedAt) {
    }
}
