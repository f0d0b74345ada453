package fr.gouv.ti.e2e;

import fr.gouv.ti.e2e.docs.ConformanceProxy;
import fr.gouv.ti.e2e.docs.ServedDocuments;
import fr.gouv.ti.localstack.LocalStack;
import fr.gouv.ti.localstack.StackLayout;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The suite under test: started once per test JVM by the same launcher as {@code ./run.sh}, on its own ports
 * (gateway 18080) and its own state directory, and stopped when the JVM ends.
 */
public final class Suite {

    public static final int GATEWAY_PORT = Integer.getInteger("ti.e2e.port", 18080);
    private static LocalStack stack;
    private static ConformanceProxy conformance;

    private Suite() {
    }

    public static synchronized LocalStack stack() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("ti.root", "..")).toAbsolutePath().normalize();
            Path state = Path.of(System.getProperty("ti.stack.dir", "target/e2e-stack")).toAbsolutePath();
            deleteRecursively(state);
            LocalStack s = new LocalStack(StackLayout.forTests(root, state, GATEWAY_PORT));
            try {
                s.start();
            } catch (Exception e) {
                try {
                    s.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw new IllegalStateException("the suite did not start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            stack = s;
            referenceDataArrived(s);
            try {
                conformance = new ConformanceProxy(s.gatewayUrl(), ServedDocuments.load(s.gatewayUrl()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the conformance proxy did not start: " + e.getMessage(), e);
            }
            RestAssured.baseURI = conformance.url();
        }
        return stack;
    }

    /**
     * Where the tests call the API: the gateway, through the proxy that checks each exchange against the served
     * OpenAPI documents (see {@link fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments}).
     */
    public static String apiUrl() {
        stack();
        return conformance.url();
    }

    public static ConformanceProxy conformance() {
        stack();
        return conformance;
    }

    /** A request through the gateway as the national administrator. */
    public static RequestSpecification asAdmin() {
        return RestAssured.given().baseUri(apiUrl()).header("X-API-Key", stack().adminKey());
    }

    public static RequestSpecification withKey(String apiKey) {
        return RestAssured.given().baseUri(apiUrl()).header("X-API-Key", apiKey);
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().baseUri(apiUrl());
    }

    /** Creates an API key through the admin API and returns it. */
    public static String issueKey(String name, String role, String scopeJson) {
        return asAdmin().contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"" + (scopeJson.isEmpty() ? "" : "," + scopeJson) + "}")
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
    }

    /** A JDBC connection to one of the suite's databases (each app's role has its database's name and password). */
    /**
     * The operator, axis and funding-source codes of contract-service and funding-service are measure-service's
     * (reference.published, sent at its start): until they arrive those services answer 503 to a write that names
     * one. Waits for them once, so that no test depends on how fast the snapshot travelled.
     */
    private static void referenceDataArrived(LocalStack s) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                    for (String db : new String[]{"contract", "funding"}) {
                        try (Connection c = DriverManager.getConnection(s.jdbcUrl(db), db, db);
                             var rs = c.createStatement().executeQuery("select count(*) from reference_version")) {
                            if (!rs.next() || rs.getInt(1) == 0) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
    }

    public static Connection database(String name) throws SQLException {
        return DriverManager.getConnection(stack().jdbcUrl(name), name, name);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
