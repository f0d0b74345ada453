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

    @jakarta.inject.Inject
    fr.gouv.ti.territory.service.CommuneLookupService communes;

    @jakarta.inject.Inject
    fr.gouv.ti.territory.service.TerritoryService territories;

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

    /** Server time: the services called in-process, without HTTP. */
    @Test
    void serverTimeOfLookups() {
        List<String> insee = List.of("42187", "2A004", "97411", "23019", "42095", "34301", "22016", "13001");
        server("commune by INSEE (service call)", i -> communes.byInsee(insee.get(i % insee.size()), null));
        server("communes by postal code 42300 (service call)", i -> communes.byPostalCode("42300", null));
        server("commune by INSEE asOf 2020-06-30 (service call)",
                i -> communes.byInsee(insee.get(i % insee.size()), java.time.LocalDate.of(2020, 6, 30)));
        server("territory get by id (service call)", i -> territories.get("2019-2022", "ti-8411"));
        report("GET /communes/{insee} (HTTP)", i -> given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/communes/" + insee.get(i % insee.size())));
    }

    static void server(String name, java.util.function.IntFunction<Object> call) {
        for (int i = 0; i < WARMUP * 10; i++) {
            call.apply(i);
        }
        long[] nanos = new long[RUNS * 5];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            call.apply(i);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK %-45s n=%d p50=%.3f ms p99=%.3f ms max=%.2f ms%n", name, nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6);
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
