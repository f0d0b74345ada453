package fr.gouv.ti.territory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.core.change.NotifiedCache;
import fr.gouv.ti.territory.domain.Territory;
import fr.gouv.ti.commons.reads.DataChanges;
import fr.gouv.ti.territory.service.TerritoryService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The most read document of the suite, a territory with its current perimeter, kept rendered (JSON bytes and ETag)
 * so that a read costs no query and no serialization; unknown keys are remembered too. Emptied on every change of
 * the registry by {@link DataChanges}, so it is never staler than the NOTIFY of the change.
 */
@ApplicationScoped
public class RenderedTerritories {

    /** Both phases hold 332 territories; room for unknown keys asked for as well. */
    private static final int MAX_ENTRIES = 5_000;

    public record Rendered(byte[] json, String etag) {
    }

    private final TerritoryService territories;
    private final ObjectMapper mapper;
    private final NotifiedCache<String, Rendered> cache;

    public RenderedTerritories(TerritoryService territories, ObjectMapper mapper, DataChanges changes) {
        this.territories = territories;
        this.mapper = mapper;
        this.cache = changes.cache(MAX_ENTRIES);
    }

    /** From memory only: empty when not cached (then {@link #load}); a present empty means "no such territory". */
    public Optional<Optional<Rendered>> cached(String phase, String tiId) {
        return cache.get(phase + "/" + tiId);
    }

    /** Reads the territory (blocking) and keeps its rendering. */
    public Optional<Rendered> load(String phase, String tiId) {
        return cache.get(phase + "/" + tiId, key -> territories.find(phase, tiId).map(this::render));
    }

    private Rendered render(Territory t) {
        try {
            return new Rendered(mapper.writeValueAsBytes(TerritoryView.of(t, null, territories.departments())), t.etag());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render territory " + t.key(), e);
        }
    }
}
