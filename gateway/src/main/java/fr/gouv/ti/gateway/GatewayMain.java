package fr.gouv.ti.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway. Quarkus answers a request whose URI does not parse ({@code ?cursor=%%%}) with an empty 400
 * before any handler of the application sees it; with its check turned off here (the property is read when the
 * HTTP server starts), the gateway's edge refuses such a URI itself with a problem naming the parameter
 * ({@link fr.gouv.ti.gateway.edge.MalformedUri}), like every other client mistake.
 */
@QuarkusMain
public class GatewayMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
