package fr.gouv.ti.commons.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.core.http.EntityTags;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Conditional GETs for every read of the API: a client that keeps what it read and sends {@code If-None-Match}
 * gets {@code 304 Not Modified} with no body when nothing changed, so a sync that polls costs one small answer.
 *
 * <ul>
 * <li>A response that already carries an {@code ETag} (a resource's version, also used for {@code If-Match}) is
 * compared with it as is.</li>
 * <li>Otherwise the JSON (or CSV text) is serialized here, once, and tagged by its content: the same bytes give
 * the same tag. Streamed bodies (exports) are left alone.</li>
 * <li>{@code Cache-Control: no-cache} unless the resource set its own (reference data may be cached for a day):
 * caches may keep a copy but must ask again, so a change is seen at once.</li>
 * </ul>
 */
public class ConditionalGet {

    private final ObjectMapper mapper;

    public ConditionalGet(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) throws JsonProcessingException {
        String method = request.getMethod();
        if (!(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) || response.getStatus() != 200
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        if (etag == null) {
            byte[] body = bytes(response);
            if (body == null) {
                return;
            }
            etag = EntityTags.ofContent(body);
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        }
        if (EntityTags.noneMatchFails(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag.toString())) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    /** The body as it will be sent, replacing the entity so it is not serialized twice; null when streamed. */
    private byte[] bytes(ContainerResponseContext response) throws JsonProcessingException {
        Object entity = response.getEntity();
        if (entity == null || entity instanceof InputStream || entity instanceof File
                || entity instanceof jakarta.ws.rs.core.StreamingOutput) {
            return null;
        }
        if (entity instanceof byte[] b) {
            return b;
        }
        if (entity instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        MediaType type = response.getMediaType();
        if (type != null && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return null;
        }
        // by the entity's own class: the declared type may be a wrapper (RestResponse<List<Region>>)
        byte[] json = mapper.writeValueAsBytes(entity);
        response.setEntity(json, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        return json;
    }
}
