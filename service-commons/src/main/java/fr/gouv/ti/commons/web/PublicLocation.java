package fr.gouv.ti.commons.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URI;
import java.util.Optional;

/**
 * {@code Location} headers never carry the service's own address (an internal host and port behind the gateway):
 * the path and query of the created resource are kept, under the public base URL of the API when one is configured
 * ({@code ti.public-base-url}, the gateway's public address, e.g. {@code https://api.territoires-industrie.gouv.fr}),
 * else as a relative reference (RFC 9110 allows it; clients resolve it against the URL they called). The request's
 * {@code Host} or {@code X-Forwarded-Host} is not used: a client chooses those.
 */
public class PublicLocation {

    private final String base = ConfigProvider.getConfig().getOptionalValue("ti.public-base-url", String.class)
            .filter(s -> !s.isBlank()).map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).orElse("");

    @ServerResponseFilter
    public void onResponse(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst("Location");
        if (location == null) {
            return;
        }
        rewrite(location.toString(), base).ifPresent(l -> response.getHeaders().putSingle("Location", l));
    }

    static Optional<String> rewrite(String location, String base) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() && !base.isEmpty() && location.startsWith("/")) {
            return Optional.of(base + location);
        }
        if (!uri.isAbsolute()) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return Optional.of(base + path + query);
    }
}
