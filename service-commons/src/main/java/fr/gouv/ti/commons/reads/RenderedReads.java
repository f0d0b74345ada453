package fr.gouv.ti.commons.reads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.core.change.NotifiedCache;
import fr.gouv.ti.commons.core.http.EntityTags;
import fr.gouv.ti.commons.web.OffTheEventLoop;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * GET answers kept as they were sent (JSON bytes and their content ETag), by a key that names everything the answer
 * depends on (the query string, and the caller's class where the answer differs by role). A hit is answered on the
 * event loop with no query and no serialization; a miss computes the answer on a worker thread and keeps it unless the
 * data changed meanwhile. Refusals (400, 404) are not kept: they are thrown by the computation, as usual.
 */
public final class RenderedReads {

    private final NotifiedCache<String, Rendered> cache;
    private final ObjectMapper mapper;

    RenderedReads(NotifiedCache<String, Rendered> cache, ObjectMapper mapper) {
        this.cache = cache;
        this.mapper = mapper;
    }

    public record Rendered(byte[] json, String etag) {
    }

    /** For a resource method that runs on the event loop ({@code @NonBlocking}). */
    public Uni<Response> serve(String key, Supplier<Object> compute) {
        Optional<Optional<Rendered>> hit = cache.get(key);
        if (hit.isPresent() && hit.get().isPresent()) {
            return Uni.createFrom().item(response(hit.get().get()));
        }
        return OffTheEventLoop.run(() -> {
            long before = cache.generation();
            Rendered r = render(compute.get());
            cache.put(key, Optional.of(r), before);
            return response(r);
        });
    }

    private Rendered render(Object body) {
        try {
            byte[] json = mapper.writeValueAsBytes(body);
            return new Rendered(json, EntityTags.ofContent(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a read", e);
        }
    }

    private static Response response(Rendered r) {
        return Response.ok(r.json(), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, r.etag()).build();
    }
}
