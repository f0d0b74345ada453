package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.AsyncApiContract;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class TerritoryEventsMatchTheAsyncApiContractTest {

    @Test
    void eachOfTheFourEventTypesIsDocumentedAndItsPayloadValidates() {
        AsyncApiContract contract = AsyncApiContract.load();
        assertThat(contract.messageTypes()).containsExactlyInAnyOrder("fr.gouv.ti.territory.labelled.v1",
                "fr.gouv.ti.territory.updated.v1", "fr.gouv.ti.territory.perimeter-changed.v1",
                "fr.gouv.ti.territory.delabelled.v1");
        String phase = "2100-2104";
        String key = phase + "/ti-2401";
        try (TopicProbe probe = new TopicProbe("ti.territory.v1")) {
            given().header(Identities.HEADER, Identities.nationalAdmin()).contentType("application/json").body("""
                    {"phase":"%s","tiId":"ti-2401","name":"Montargois-en-Gâtinais - Giennois","regionCode":"24",
                     "labelledOn":"2100-01-01","perimeter":[
                       {"siren":"200067668","name":"CC de la Cléry, du Betz et de l'Ouanne","nature":"CC","departmentCodes":["45","89"]},
                       {"siren":"200067676","name":"CC Canaux et Forêts en Gâtinais","nature":"CC","departmentCodes":["45"]}]}"""
                    .formatted(phase)).post("/api/v1/territories").then().statusCode(201);
            given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"0\"")
                    .contentType("application/json").body("{\"name\":\"Montargois\"}")
                    .patch("/api/v1/territories/" + key).then().statusCode(200);
            given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"1\"")
                    .contentType("application/json").body("""
                            {"effectiveDate":"2101-01-01","members":[
                              {"siren":"200067668","name":"CC de la Cléry, du Betz et de l'Ouanne","nature":"CC","departmentCodes":["45","89"]}]}""")
                    .put("/api/v1/territories/" + key + "/perimeter").then().statusCode(200);
            given().header(Identities.HEADER, Identities.nationalAdmin()).header("If-Match", "\"2\"")
                    .contentType("application/json").body("{}")
                    .post("/api/v1/territories/" + key + "/delabelling").then().statusCode(200);

            for (String type : List.of("labelled", "updated", "perimeter-changed", "delabelled")) {
                String ceType = "fr.gouv.ti.territory." + type + ".v1";
                ConsumerRecord<String, String> event = probe.await(r -> key.equals(r.key())
                        && ceType.equals(TopicProbe.header(r, "ce_type")), java.time.Duration.ofSeconds(30));
                assertThat(TopicProbe.header(event, "ce_subject")).isEqualTo(key);
                contract.assertValid(ceType, event.value());
            }
            // a seeded event too (labelledOn null, real perimeter)
            ConsumerRecord<String, String> seeded = probe.await(r -> "2019-2022/ti-8411".equals(r.key()),
                    java.time.Duration.ofSeconds(30));
            contract.assertValid(TopicProbe.header(seeded, "ce_type"), seeded.value());
            assertThat(seeded.value()).contains("\"labelledOn\":null").contains("200035731");
        }
    }

    @Test
    void theAsyncApiDocumentIsServed() {
        given().header(Identities.HEADER, Identities.anonymous()).get("/asyncapi.yaml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("fr.gouv.ti.territory.perimeter-changed.v1"));
    }
}
