package fr.gouv.ti.commons.correlation;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.regex.Pattern;

public class CorrelationFilters {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String PROPERTY = "ti.correlationId";

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request) {
        String id = Correlation.acceptOrCreate(request.getHeaderString(Correlation.HEADER));
        String traceparent = request.getHeaderString("traceparent");
        Correlation.set(id, traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : null);
        request.setProperty(PROPERTY, id);
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(Correlation.HEADER, id.toString());
        }
    }
}
