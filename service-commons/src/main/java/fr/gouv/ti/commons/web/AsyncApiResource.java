package fr.gouv.ti.commons.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;

/** Serves the service's AsyncAPI 3 document (its Kafka topics and event schemas) next to its OpenAPI. */
@Path("/asyncapi.yaml")
@Tag(name = "Events")
public class AsyncApiResource {

    @GET
    @Produces("application/yaml")
    @Operation(summary = "AsyncAPI 3 document of the events this service publishes and consumes")
    public Response asyncapi() throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("asyncapi.yaml")) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(in.readAllBytes()).type("application/yaml").build();
        }
    }
}
