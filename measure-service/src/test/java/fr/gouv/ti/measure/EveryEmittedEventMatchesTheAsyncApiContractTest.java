package fr.gouv.ti.measure;

import fr.gouv.ti.measure.service.MeasureEvents;
import fr.gouv.ti.testsupport.AsyncApiContract;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class EveryEmittedEventMatchesTheAsyncApiContractTest {

    @Test
    void bothEventTypesAreDocumentedAndTheirPayloadsMatchTheSchemas() {
        AsyncApiContract contract = AsyncApiContract.load();
        assertThat(contract.messageTypes()).contains(MeasureEvents.CATALOGUE_PUBLISHED, MeasureEvents.MEASURE_RETIRED);

        // a version that adds a measure with every optional field set (envelope, English title, validity) and retires one
        LocalDate effective = Catalogue.laterOf(
                LocalDate.parse(Catalogue.current().getString("effectiveDate")).plusDays(10), LocalDate.of(2021, 1, 1));
        Object[] draft = Catalogue.openDraft("Version de test du contrat d'événements");
        int n = (int) draft[0];
        String etag = given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", (String) draft[1])
                .contentType("application/json").body("""
                        {"axis":"FONCIER_INDUSTRIEL","titleFr":"Mesure foncière de test","titleEn":"Test land measure",
                         "operators":["BANQUE_DES_TERRITOIRES","POLE_EMPLOI"],"envelopeCents":150000000000,
                         "validFrom":"2023-01-01","validTo":"2027-12-31","firstSeen":"2023",
                         "sourceCitation":"Test citation","wording":"PARAPHRASE"}""")
                .post("/api/v1/catalogue/versions/" + n + "/measures").then().statusCode(201)
                .body("code", org.hamcrest.Matchers.equalTo("FONCIER_INDUSTRIEL-01"))
                .body("phase", org.hamcrest.Matchers.equalTo("2023-2027"))
                .body("operators.code", org.hamcrest.Matchers.contains("BANQUE_DES_TERRITOIRES", "FRANCE_TRAVAIL"))
                .extract().header("ETag");
        String retired = given().header(Identities.HEADER, Identities.anonymous()).queryParam("version", n - 1)
                .queryParam("status", "ACTIVE").get("/api/v1/measures").then().statusCode(200)
                .extract().jsonPath().getString("items[0].code");
        etag = given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                .contentType("application/json").body("{\"retiredOn\":\"" + effective + "\"}")
                .post("/api/v1/catalogue/versions/" + n + "/measures/" + retired + "/retire")
                .then().statusCode(200).extract().header("ETag");
        given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                .contentType("application/json").body("{\"effectiveDate\":\"" + effective + "\"}")
                .post("/api/v1/catalogue/versions/" + n + "/publish").then().statusCode(200);

        try (TopicProbe probe = new TopicProbe(MeasureEvents.TOPIC)) {
            ConsumerRecord<String, String> published = probe.awaitType(MeasureEvents.CATALOGUE_PUBLISHED,
                    p -> p.contains("\"version\":" + n + ","));
            ConsumerRecord<String, String> retirement = probe.awaitType(MeasureEvents.MEASURE_RETIRED,
                    p -> p.contains("\"version\":" + n));
            assertThat(retirement.key()).isEqualTo(retired);
            JsonPath added = new JsonPath(published.value());
            assertThat(added.getLong("measures.find { it.code == 'FONCIER_INDUSTRIEL-01' }.envelopeCents"))
                    .isEqualTo(150000000000L);

            // every record on the topic so far (the seed's, other tests', these) matches the contract
            List<ConsumerRecord<String, String>> all = probe.records();
            assertThat(all).extracting(r -> TopicProbe.header(r, "ce_type"))
                    .contains(MeasureEvents.CATALOGUE_PUBLISHED, MeasureEvents.MEASURE_RETIRED);
            for (ConsumerRecord<String, String> r : all) {
                contract.assertValid(TopicProbe.header(r, "ce_type"), r.value());
                assertThat(TopicProbe.header(r, "ce_specversion")).isEqualTo("1.0");
                assertThat(TopicProbe.header(r, "ce_id")).isNotBlank();
                assertThat(TopicProbe.header(r, "content-type")).isEqualTo("application/json");
            }
        }
    }

    @Test
    void theAsyncApiDocumentIsServed() {
        given().get("/asyncapi.yaml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("fr.gouv.ti.catalogue.published.v1"));
    }
}
