package fr.gouv.ti.gateway.health;

import fr.gouv.ti.gateway.routing.Downstream;
import fr.gouv.ti.gateway.routing.GatewayRoutes;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;

/**
 * Reports the readiness of each downstream service. The gateway stays ready while some are down (it answers
 * 503 for those and keeps serving the others); it is not ready when none answers.
 */
@Readiness
@ApplicationScoped
public class DownstreamsHealthCheck implements AsyncHealthCheck {

    private final GatewayRoutes routes;

    public DownstreamsHealthCheck(GatewayRoutes routes) {
        this.routes = routes;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Downstream> all = new ArrayList<>(routes.downstreams());
        List<Future<Boolean>> checks = all.stream().map(DownstreamsHealthCheck::ready).toList();
        return Uni.createFrom().completionStage(Future.join(checks).toCompletionStage().exceptionally(e -> null))
                .map(ignored -> {
                    HealthCheckResponseBuilder b = HealthCheckResponse.named("downstream services");
                    boolean any = false;
                    for (int i = 0; i < all.size(); i++) {
                        boolean up = checks.get(i).succeeded() && Boolean.TRUE.equals(checks.get(i).result());
                        any |= up;
                        b.withData(all.get(i).name(), up ? "UP" : "DOWN");
                    }
                    return b.status(any || all.isEmpty()).build();
                });
    }

    private static Future<Boolean> ready(Downstream d) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost(d.managementHost()).setPort(d.managementPort())
                .setURI("/q/health/ready").setIdleTimeout(2000).setConnectTimeout(1000);
        return d.client().request(o).compose(r -> r.send()).map(r -> r.statusCode() == 200).otherwise(false);
    }
}
