package fr.gouv.ti.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a service under test its own database on the JVM's embedded PostgreSQL, the JVM's Kafka broker, and the
 * public key that verifies test identities. Arg {@code database}: the database name (one per service).
 */
public class PostgresKafkaResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", EmbeddedInfrastructure.database(database));
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", EmbeddedInfrastructure.kafka().bootstrapServers());
        config.put("mp.jwt.verify.publickey", IdentityKeys.publicKeyPem());
        config.put("quarkus.log.category.\"kafka\".level", "WARN");
        config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        config.put("quarkus.log.category.\"state.change.logger\".level", "WARN");
        return config;
    }

    @Override
    public void stop() {
        // shared by the whole JVM; stopped by a shutdown hook
    }
}
