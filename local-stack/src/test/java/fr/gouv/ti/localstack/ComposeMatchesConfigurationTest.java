package fr.gouv.ti.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml configures the apps only through environment variables; each must map (by the MicroProfile
 * Config rule: upper case, non-alphanumerics as underscores) to a property the app declares in its
 * application.properties. So the compose file cannot drift from the code.
 */
class ComposeMatchesConfigurationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> APP_MODULES = Map.of(
            "territory-service", "territory-service", "contract-service", "contract-service",
            "measure-service", "measure-service", "funding-service", "funding-service", "webhook-service", "webhook-service", "gateway", "gateway");

    @Test
    void everyEnvironmentVariableOfAnAppIsAPropertyThatTheAppDeclares() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> app : APP_MODULES.entrySet()) {
            JsonNode service = compose.path("services").path(app.getKey());
            assertThat(service.isMissingNode()).as("compose service " + app.getKey()).isFalse();
            Set<String> declared = declaredAsEnv(ROOT.resolve(app.getValue()).resolve("src/main/resources/application.properties"));
            for (Iterator<String> names = service.path("environment").fieldNames(); names.hasNext(); ) {
                String env = names.next();
                if (!declared.contains(env)) {
                    unknown.add(app.getKey() + ": " + env);
                }
            }
        }
        assertThat(unknown).as("environment variables that no property of the app declares").isEmpty();
    }

    @Test
    void everyAppHasAHealthCheckAndWaitsForItsDependencies() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        for (String app : APP_MODULES.keySet()) {
            assertThat(compose.path("services").path(app).path("healthcheck").path("test").toString())
                    .as(app + " health check").contains("/q/health/ready");
        }
    }

    @Test
    void onlyTheGatewayMountsThePrivateSigningKeyAndItIsNotWorldReadable() throws IOException {
        // finding 2 of issue 18: the private key was in a volume every service mounted, chmod 0644
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        for (String app : APP_MODULES.keySet()) {
            // the services take theirs from x-service-defaults (a YAML merge key, not resolved by the parser)
            String volumes = compose.path("services").path(app).path("volumes").toString()
                    + (app.equals("gateway") ? "" : compose.path("x-service-defaults").path("volumes").toString());
            if (app.equals("gateway")) {
                assertThat(volumes).as(app).contains("identity-private:").doesNotContain("identity-public:");
            } else {
                assertThat(volumes).as(app).contains("identity-public:").doesNotContain("identity-private");
            }
        }
        String keygen = compose.path("services").path("identity-keys").path("command").toString();
        assertThat(keygen).contains("chmod 0600 /private/identity-private.pem").doesNotContain("0644 /private");
        assertThat(keygen).doesNotContain("/public/identity-private");
    }

    @Test
    void noAppStartsWithADefaultSecretAndNoManagementPortIsPublished() throws IOException {
        // findings 1 and 8 of issue 18: a known bootstrap admin key by default; management endpoints published
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(text).contains("TI_GATEWAY_BOOTSTRAP_ADMIN_KEY: ${TI_GATEWAY_BOOTSTRAP_ADMIN_KEY:-}")
                .doesNotContain("change-me");
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        for (String app : APP_MODULES.keySet()) {
            String ports = compose.path("services").path(app).path("ports").toString();
            assertThat(ports).as(app + " published ports").doesNotContain(":90");
            assertThat(compose.path("services").path(app).path("healthcheck").path("test").toString())
                    .as(app + " health check on the management port").contains("localhost:90");
        }
    }

    private static Set<String> declaredAsEnv(Path properties) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties)) {
            p.load(r);
        }
        return p.stringPropertyNames().stream()
                .map(k -> k.replace("%prod.", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
