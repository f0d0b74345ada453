package fr.gouv.ti.territory.service;

import fr.gouv.ti.territory.domain.Commune;
import fr.gouv.ti.territory.domain.CommuneRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The communes in memory (read-mostly reference data, ~35,000 rows, a few MB): lookups by INSEE code, postal code,
 * EPCI or name answer without a query. Reloaded after an import commits.
 */
@ApplicationScoped
public class CommuneIndex {

    record Snapshot(Map<String, Commune> byInsee, Map<String, List<Commune>> byPostalCode,
                    Map<String, List<Commune>> byEpci, Map<String, List<Commune>> byName,
                    Map<String, String> groupementNames) {
    }

    private final CommuneRepository repository;
    private volatile Snapshot snapshot;

    public CommuneIndex(CommuneRepository repository) {
        this.repository = repository;
    }

    Snapshot get() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = snapshot;
                if (s == null) {
                    s = load();
                    snapshot = s;
                }
            }
        }
        return s;
    }

    /** Drops the snapshot: the next lookup reloads (call after a commune import or a registry change commits). */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot load() {
        Map<String, Commune> byInsee = new HashMap<>(50_000);
        Map<String, List<Commune>> byPostal = new HashMap<>(10_000);
        Map<String, List<Commune>> byEpci = new HashMap<>(2_000);
        Map<String, List<Commune>> byName = new HashMap<>(50_000);
        for (Commune c : repository.all()) {
            byInsee.put(c.insee(), c);
            for (String p : c.postalCodes()) {
                byPostal.computeIfAbsent(p, k -> new ArrayList<>(2)).add(c);
            }
            if (c.epciSiren() != null) {
                byEpci.computeIfAbsent(c.epciSiren(), k -> new ArrayList<>()).add(c);
            }
            byName.computeIfAbsent(SearchText.normalise(c.name()), k -> new ArrayList<>(1)).add(c);
        }
        return new Snapshot(Map.copyOf(byInsee), freeze(byPostal), freeze(byEpci), freeze(byName),
                Map.copyOf(repository.groupementNames()));
    }

    private static Map<String, List<Commune>> freeze(Map<String, List<Commune>> m) {
        Map<String, List<Commune>> out = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }
}
