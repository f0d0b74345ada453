package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * Benchmark, not a test (its name keeps it out of the default test run): latency of a filtered list and of a get by
 * id on the seeded registry, measured from an HTTP client in the same JVM (one connection, sequential requests).
 * Run: {@code ./mvnw -o -pl territory-service verify -Dtest=RegistryReadLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class RegistryReadLatencyBenchmark {

    static final int WARMUP = 300;
    static final int RUNS = 2000;

    @Test
    void filteredListAndGetById() {
        String identity = Identities.anonymous();
        List<String> ids = List.of("ti-8411", "ti-3209", "ti-7603", "ti-2404", "ti-0101", "ti-9301");
        report("get /territories/2019-2022/{tiId}", i -> given().header(Identities.HEADER, identity)
                .get("/api/v1/territories/2019-2022/" + ids.get(i % ids.size())));
        report("list phase=2019-2022&region=84", i -> given().header(Identities.HEADER, identity)
                .get("/api/v1/territories?phase=2019-2022&region=84"));
        report("list q=saint omer", i -> given().header(Identities.HEADER, identity).queryParam("q", "saint omer")
                .get("/api/v1/territories"));
        report("list siren=200035731", i -> given().header(Identities.HEADER, identity)
                .get("/api/v1/territories?siren=200035731"));
        report("list phase=2023-2027&limit=50 (first page)", i -> given().header(Identities.HEADER, identity)
                .get("/api/v1/territories?phase=2023-2027&limit=50"));
    }

    interface Call {
        io.restassured.response.Response run(int i);
    }

    static void report(String name, Call call) {
        for (int i = 0; i < WARMUP; i++) {
            call.run(i).then().statusCode(200);
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            int status = call.run(i).statusCode();
            nanos[i] = System.nanoTime() - t0;
            if (status != 200) {
                throw new AssertionError(name + " answered " + status);
            }
        }
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK %-45s n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", name, RUNS,
                nanos[RUNS / 2] / 1e6, nanos[(int) (RUNS * 0.99)] / 1e6, nanos[RUNS - 1] / 1e6);
    }
}
