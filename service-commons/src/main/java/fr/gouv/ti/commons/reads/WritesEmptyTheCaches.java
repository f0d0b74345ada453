package fr.gouv.ti.commons.reads;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Read-your-writes on the instance that wrote: a write that succeeded (its transaction committed before its answer
 * is written) empties this instance's read caches before the client gets the answer, so its next read cannot meet a
 * copy from before the change, however late the NOTIFY of the change is heard. Other instances learn it from the
 * NOTIFY (within a few milliseconds). Writes are rare next to reads: emptying everything costs a reload per entry.
 */
public class WritesEmptyTheCaches {

    private final DataChanges changes;

    public WritesEmptyTheCaches(DataChanges changes) {
        this.changes = changes;
    }

    @ServerResponseFilter
    public void afterWrite(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (response.getStatus() < 300 && !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)
                && !HttpMethod.OPTIONS.equals(method)) {
            changes.invalidateAll();
        }
    }
}
