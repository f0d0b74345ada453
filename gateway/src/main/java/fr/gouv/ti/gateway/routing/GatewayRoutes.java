package fr.gouv.ti.gateway.routing;

import fr.gouv.ti.gateway.config.GatewayConfig;
import fr.gouv.ti.gateway.edge.EdgeHandler;
import fr.gouv.ti.gateway.identity.IdentitySigner;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes of the gateway on Quarkus' own Vert.x router:
 * <ul>
 * <li>{@code /api/**}: edge checks first (correlation, authentication, rate limit), then the service owning the
 * path prefix, or the gateway's own admin API;</li>
 * <li>{@code /docs/{service}/openapi} and {@code /docs/{service}/asyncapi.yaml}: each service's API documents, for
 * the console.</li>
 * </ul>
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final int EDGE_ORDER = -200;
    private static final int PROXY_ORDER = -100;

    private final Map<String, Downstream> downstreams = new LinkedHashMap<>();

    void init(@Observes StartupEvent ev, Router router, Vertx vertx, GatewayConfig config, EdgeHandler edge,
              IdentitySigner signer) {
        config.services().forEach((name, d) -> downstreams.put(name, new Downstream(vertx, name, d, config.breaker())));

        router.route("/api/*").order(EDGE_ORDER).handler(edge::handle);
        // documents and console: no credentials, the anonymous rate limit of the address (issue 18, finding 7)
        router.route("/docs/*").order(EDGE_ORDER).handler(edge::limitAnonymous);
        router.route("/q/openapi").order(EDGE_ORDER).handler(edge::limitAnonymous);
        router.route("/console/*").order(EDGE_ORDER).handler(edge::limitAnonymous);
        // one route and a table lookup by the path's resource (/api/v1/regions/84 -> /api/v1/regions), not a regular
        // expression per prefix tried in turn on every request; paths no service owns (the admin API) go on. A
        // prefix of four segments (/api/v1/audit/funding: each service's audit trail) is looked up first.
        Map<String, Downstream> byPrefix = new HashMap<>();
        boolean[] fourSegments = {false};
        config.services().forEach((name, d) -> {
            for (String prefix : d.prefixes()) {
                String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
                long slashes = p.chars().filter(ch -> ch == '/').count();
                if (!p.startsWith("/api/") || p.contains("//") || slashes != 3 && slashes != 4) {
                    throw new IllegalStateException("ti.gateway.services." + name + ".prefixes: " + prefix
                            + " is not of the form /api/v1/<resource> or /api/v1/<resource>/<name>");
                }
                fourSegments[0] |= slashes == 4;
                if (byPrefix.put(p, downstreams.get(name)) != null) {
                    throw new IllegalStateException("ti.gateway.services.*.prefixes: " + prefix + " is routed twice");
                }
            }
        });
        boolean longPrefixes = fourSegments[0];
        router.route("/api/*").order(PROXY_ORDER).handler(ctx -> {
            String path = ctx.request().path();
            Downstream found = longPrefixes ? byPrefix.get(resource(path, 5)) : null;
            Downstream d = found != null ? found : byPrefix.get(resource(path));
            if (d == null) {
                ctx.next();
                return;
            }
            d.forward(ctx, ctx.request().uri(), caller -> signer.identityFor(caller, d.name()));
        });
        router.get("/docs/:service/openapi").order(PROXY_ORDER).handler(ctx -> {
            Downstream d = downstreams.get(ctx.pathParam("service"));
            if (d == null) {
                ctx.next();
                return;
            }
            // the document is served on the service's management interface, which is not routed otherwise
            d.forwardToManagement(ctx, "/q/openapi?format=json", caller -> signer.identityFor(caller, d.name()));
        });
        router.get("/docs/:service/asyncapi.yaml").order(PROXY_ORDER).handler(ctx -> {
            Downstream d = downstreams.get(ctx.pathParam("service"));
            if (d == null) {
                ctx.next();
                return;
            }
            d.forward(ctx, "/asyncapi.yaml", caller -> signer.identityFor(caller, d.name()));
        });
        router.get("/").order(PROXY_ORDER).handler(ctx -> ctx.redirect("/console"));
    }

    /** {@code /api/v1/regions/84?x} -> {@code /api/v1/regions}: the first three segments of the path. */
    static String resource(String path) {
        return resource(path, 4);
    }

    /** The path up to its {@code slash}-th slash: {@code resource("/api/v1/audit/funding/entries", 5)} is {@code /api/v1/audit/funding}. */
    static String resource(String path, int slash) {
        if (path == null) {
            return "";
        }
        int slashes = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/' && ++slashes == slash) {
                return path.substring(0, i);
            }
        }
        return path;
    }

    public Collection<Downstream> downstreams() {
        return downstreams.values();
    }
}
