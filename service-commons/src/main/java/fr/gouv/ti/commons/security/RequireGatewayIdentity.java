package fr.gouv.ti.commons.security;

import fr.gouv.ti.commons.problem.Problems;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The services sit behind the gateway: every API request must carry the identity the gateway signed (anonymous
 * callers get one too). A request that reached a service some other way, or with a forged or expired identity,
 * is refused with 401.
 */
public class RequireGatewayIdentity {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CurrentCaller caller;

    @ServerRequestFilter
    public Uni<Response> requireIdentity(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        return refuse(path, "Requests reach this service through the gateway, which signs the "
                                + "caller's identity; none was presented.");
                    }
                    // resolved here, without blocking: resources on the event loop read it from CurrentCaller
                    caller.resolved(identity);
                    return null;
                })
                .onFailure().recoverWithItem(e -> refuse(path,
                        "The identity presented is not valid (expired, or not signed by the gateway)."));
    }

    private static Response refuse(String path, String detail) {
        return Problems.response(401, "unauthorized", "Authentication required", detail, path, null, null);
    }
}
