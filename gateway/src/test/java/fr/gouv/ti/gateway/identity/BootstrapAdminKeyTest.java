package fr.gouv.ti.gateway.identity;

import fr.gouv.ti.commons.core.change.NotifiedCache;
import fr.gouv.ti.gateway.GatewayTestResource;
import fr.gouv.ti.gateway.edge.GatewayCaller;
import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Finding 1 of issue 18: the bootstrap key is strong, revocable, and retired when the configuration drops it. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class BootstrapAdminKeyTest {

    @Inject
    ApiKeyStore store;

    @Inject
    NotifiedCache<String, GatewayCaller> cache;

    @Test
    void outsideALocalRunAWeakKeyStopsTheStartAndAStrongOneIsAccepted() {
        assertThatThrownBy(() -> store.applyBootstrapKey(Optional.of("ti_change-me-local-admin-key"), false))
                .hasMessageContaining("weak");
        assertThatThrownBy(() -> store.applyBootstrapKey(Optional.of("admin"), false)).hasMessageContaining("weak");
        assertThat(ApiKeyStore.strong("ti_" + "a".repeat(43))).isFalse();
        assertThat(ApiKeyStore.strong("ti_Qx7-kP2_mZ9vR4tL8wN3yB6cF1hJ5dS0gA2eU7iO4nX")).isTrue();
    }

    @Test
    void theBootstrapKeyIsRevocableAndDeactivatedWhenTheVariableIsRemovedAndNoStartWithoutAnyAdminKey() throws Exception {
        String admin = GatewayTestResource.ADMIN_KEY;
        try {
            // another administrator, so that retiring the bootstrap key leaves someone in charge
            String second = given().header("X-API-Key", admin).contentType("application/json")
                    .body("{\"name\":\"Second admin\",\"role\":\"national-admin\"}")
                    .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
            given().header("X-API-Key", second).delete("/api/v1/admin/api-keys/bootstrap-admin").then().statusCode(204);
            given().header("X-API-Key", admin).get("/api/v1/admin/api-keys").then().statusCode(401);
            // the same value at the next start does not bring it back
            store.applyBootstrapKey(Optional.of(admin), true);
            given().header("X-API-Key", admin).get("/api/v1/admin/api-keys").then().statusCode(401);

            // a new value (a rotation) is active; removing the variable deactivates it
            String rotated = "ti_Qx7-kP2_mZ9vR4tL8wN3yB6cF1hJ5dS0gA2eU7iO4nX";
            store.applyBootstrapKey(Optional.of(rotated), false);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    given().header("X-API-Key", rotated).get("/api/v1/admin/api-keys").statusCode() == 200);
            store.applyBootstrapKey(Optional.empty(), false);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    given().header("X-API-Key", rotated).get("/api/v1/admin/api-keys").statusCode() == 401);

            // with no administrator key left at all, a start without the variable is refused
            try (Connection c = db(); Statement s = c.createStatement()) {
                s.executeUpdate("update api_key set revoked_at = now(), revoked_by = 'test' where role = 'national-admin' and revoked_at is null");
            }
            assertThatThrownBy(() -> store.applyBootstrapKey(Optional.empty(), false))
                    .hasMessageContaining("no national administrator key exists");
        } finally {
            // the other test classes of this app keep using the bootstrap key
            try (Connection c = db(); Statement s = c.createStatement()) {
                s.executeUpdate("update api_key set revoked_at = null, revoked_by = null where id = 'bootstrap-admin'");
            }
            store.applyBootstrapKey(Optional.of(admin), true);
            try (Connection c = db(); Statement s = c.createStatement()) {
                s.executeUpdate("update api_key set revoked_at = null, revoked_by = null where id = 'bootstrap-admin'");
            }
            cache.invalidateAll();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    given().header("X-API-Key", admin).get("/api/v1/admin/api-keys").statusCode() == 200);
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(EmbeddedInfrastructure.database("gateway"), "postgres", "postgres");
    }
}
