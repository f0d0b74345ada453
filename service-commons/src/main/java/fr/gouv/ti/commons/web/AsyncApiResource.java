package fr.gouv.ti.commons.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;

/**
 * Serves the service's AsyncAPI 3 document (its Kafka topics and event schemas) next to its OpenAPI. It is not an
 * operation of the API, so it is not in the OpenAPI document: through the gateway it is at
 * {@code /docs/<service>/asyncapi.yaml}, and the console's "Try it out" could not reach this path.
 */
@Path("/asyncapi.yaml")
public class AsyncApiResource {

    @GET
    @Produces("application/yaml")
    @Operation(hidden = true)
    public Response asyncapi() throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("asyncapi.yaml")) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(in.readAllBytes()).type("application/yaml").build();
        }
    }
}
