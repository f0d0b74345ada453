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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml configures the apps only through environment variables; each must map (by the MicroProfile
 * Config rule: upper case, non-alphanumerics as underscores) to a property the app declares in its
 * application.properties. So the compose file cannot drift from the code.
 */
class ComposeMatchesConfigurationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SHARED_DEFAULTS = ROOT.resolve("service-commons/src/main/resources/META-INF/microprofile-config.properties");
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
            if (!app.getKey().equals("gateway")) { // the services also read the shared library's defaults (Kafka authentication)
                declared.addAll(declaredAsEnv(SHARED_DEFAULTS));
            }
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

    @Test
    void everySecretComesFromTheEnvironmentWithNoDefault() throws IOException {
        // issue 18: the compose file shipped database passwords equal to the role names and Kafka with no authentication
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        List<String> defaulted = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> services = compose.path("services").fields(); services.hasNext(); ) {
            Map.Entry<String, JsonNode> service = services.next();
            for (Iterator<Map.Entry<String, JsonNode>> env = service.getValue().path("environment").fields(); env.hasNext(); ) {
                Map.Entry<String, JsonNode> e = env.next();
                boolean secret = e.getKey().contains("PASSWORD") || e.getKey().contains("JAAS");
                if (secret && !e.getValue().asText().matches("(?s).*\\$\\{[A-Z_]+:\\?[^}]+}.*")) {
                    defaulted.add(service.getKey() + ": " + e.getKey() + "=" + e.getValue().asText());
                }
            }
        }
        assertThat(defaulted).as("secrets with a value or a default in docker-compose.yml").isEmpty();
        assertThat(Files.exists(ROOT.resolve("deploy/compose/postgres-init.sql"))).as("a SQL file with passwords").isFalse();
    }

    @Test
    void eachAppAuthenticatesToKafkaAsItselfAndTheAclsFollowWhatItConsumes() throws IOException {
        // issue 18, finding 11: Kafka in the compose file had no authentication, so any container could write any topic
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        Map<String, Set<String>> acl = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/compose/kafka-topics.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cols = List.of(line.trim().split("\\s+"));
            acl.put(cols.get(0), cols.subList(2, cols.size()).stream().filter(t -> !t.equals("-")).collect(Collectors.toSet()));
        }
        for (String app : APP_MODULES.keySet()) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(ROOT.resolve(APP_MODULES.get(app)).resolve("src/main/resources/application.properties"))) {
                p.load(r);
            }
            if (!p.containsKey("kafka.bootstrap.servers")) {
                assertThat(acl).as(app + " does not use Kafka").doesNotContainKey(app);
                continue;
            }
            Set<String> consumed = p.stringPropertyNames().stream()
                    .filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")).map(p::getProperty)
                    .collect(Collectors.toSet());
            p.stringPropertyNames().stream().filter(k -> k.endsWith(".dead-letter-queue.topic"))
                    .forEach(k -> assertThat(p.getProperty(k)).as(app + " " + k + " (the ACL's dead-letter topic)")
                            .isEqualTo("ti." + app + ".dlq"));
            assertThat(acl.get(app)).as(app + ": topics it may read (kafka-topics.txt) = topics it consumes").isEqualTo(consumed);
            p.stringPropertyNames().stream().filter(k -> k.endsWith(".group.id"))
                    .forEach(k -> assertThat(p.getProperty(k)).as(app + " " + k + " (the ACL's group)").isEqualTo(app));
            JsonNode env = compose.path("services").path(app).path("environment");
            assertThat(env.path("KAFKA_SECURITY_PROTOCOL").asText()).as(app).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.path("KAFKA_SASL_JAAS_CONFIG").asText()).as(app).contains("username=\"" + app + "\"");
        }
        JsonNode broker = compose.path("services").path("kafka").path("environment");
        assertThat(broker.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText()).isEqualTo("false");
        assertThat(broker.path("KAFKA_LISTENERS").asText()).as("only the SASL listener is reachable from other containers")
                .matches("SASL_PLAINTEXT://:9092(,[A-Z]+://127\\.0\\.0\\.1:\\d+)+");
    }

    private static Set<String> declaredAsEnv(Path properties) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties)) {
            p.load(r);
        }
        return p.stringPropertyNames().stream()
                .map(k -> k.replace("%prod.", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
