package fr.gouv.ti.measure;

import fr.gouv.ti.measure.service.CatalogueSeeder;
import fr.gouv.ti.measure.service.MeasureEvents;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class LaunchBasketIsSeededOnceWithItsSourcesTest {

    @Inject
    CatalogueSeeder seeder;

    @Test
    void versionOneIsTheLaunchBasketWithTheOfficialCountAndOnlyTheKnownEntries() {
        JsonPath v = given().header(Identities.HEADER, Identities.anonymous())
                .get("/api/v1/catalogue/versions/1").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue()).extract().jsonPath();
        assertThat(v.getString("status")).isEqualTo("PUBLISHED");
        assertThat(v.getString("label")).isEqualTo("Panier de lancement (novembre 2018)");
        assertThat(v.getString("effectiveDate")).isEqualTo("2018-11-22");
        assertThat(v.getInt("officialCount")).isEqualTo(17);
        assertThat(v.getString("officialCountSource")).isEqualTo("https://www.cget.gouv.fr/dossiers/territoires-dindustrie");
        assertThat(v.getInt("knownCount")).isEqualTo(16);
        assertThat(v.getInt("activeCount")).isEqualTo(16);
    }

    @Test
    void everySeedRowBecomesOneMeasureWithADeterministicCodeAndItsSource() throws Exception {
        List<Map<String, Object>> items = given().header(Identities.HEADER, Identities.anonymous())
                .queryParam("version", 1).queryParam("limit", 500)
                .get("/api/v1/measures").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).extracting(m -> m.get("code")).containsExactly(
                "ATTIRER-01", "ATTIRER-02", "ATTIRER-03", "ATTIRER-04", "ATTIRER-05",
                "INNOVER-01", "INNOVER-02", "INNOVER-03",
                "RECRUTER-01", "RECRUTER-02", "RECRUTER-03", "RECRUTER-04", "RECRUTER-05", "RECRUTER-06",
                "SIMPLIFIER-01", "SIMPLIFIER-02");

        // the seed file, row by row: code = enjeu + rank within the enjeu, title and source carried over verbatim
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getClassLoader()
                .getResourceAsStream("seed/offer_services_sourced.csv"), StandardCharsets.UTF_8))) {
            lines = r.lines().skip(1).filter(l -> !l.isBlank()).toList();
        }
        assertThat(lines).hasSize(16);
        Map<String, Map<String, Object>> byCode = new java.util.HashMap<>();
        items.forEach(m -> byCode.put((String) m.get("code"), m));
        Map<String, Integer> rank = new java.util.HashMap<>();
        for (String line : lines) {
            String enjeu = line.substring(0, line.indexOf(','));
            int n = rank.merge(enjeu, 1, Integer::sum);
            Map<String, Object> m = byCode.get(String.format("%s-%02d", enjeu, n));
            assertThat(line).contains("\"" + m.get("titleFr") + "\"");
            String source = m.get("sourceUrl") != null ? (String) m.get("sourceUrl") : (String) m.get("sourceCitation");
            assertThat(line).endsWith("," + source);
            assertThat(m.get("axis")).isEqualTo(enjeu);
            assertThat(m.get("phase")).isEqualTo("2019-2022");
        }

        // every entry carries its source: a URL, except the one whose only source is the printed seed article
        assertThat(items).allSatisfy(m -> assertThat(m.get("sourceUrl") != null || m.get("sourceCitation") != null).isTrue());
        assertThat(items).filteredOn(m -> m.get("sourceUrl") == null).singleElement().satisfies(m -> {
            assertThat(m.get("code")).isEqualTo("SIMPLIFIER-02");
            assertThat((String) m.get("sourceCitation")).contains("Interco et territoires n°371");
        });
        assertThat(items).filteredOn(m -> m.get("sourceUrl") != null)
                .allSatisfy(m -> assertThat((String) m.get("sourceUrl")).matches("https?://\\S+"));

        // only the first three Recruter items are (partly) in the official wording; the rest are paraphrases
        assertThat(items).filteredOn(m -> "OFFICIAL".equals(m.get("wording"))).extracting(m -> m.get("code"))
                .containsExactly("RECRUTER-01", "RECRUTER-02");
        assertThat(items).filteredOn(m -> "PARTIAL".equals(m.get("wording"))).singleElement()
                .satisfies(m -> assertThat(m.get("wordingNote")).isEqualTo("source text cut off"));
        assertThat(items).filteredOn(m -> "PARAPHRASE".equals(m.get("wording"))).hasSize(13);

        // validity starts when the sources first show the measure
        assertThat(byCode.get("RECRUTER-01").get("validFrom")).isEqualTo("2018-11-22");
        assertThat(byCode.get("RECRUTER-05").get("firstSeen")).isEqualTo("2020");
        assertThat(byCode.get("RECRUTER-05").get("validFrom")).isEqualTo("2020-01-01");
        // Pôle emploi's old code maps to FRANCE_TRAVAIL
        List<?> operators = (List<?>) byCode.get("RECRUTER-04").get("operators");
        assertThat(operators).hasSize(1);
        assertThat(((Map<?, ?>) operators.get(0)).get("code")).isEqualTo("FRANCE_TRAVAIL");
    }

    @Test
    void seedingAgainChangesNothing() {
        long versions = Catalogue.count("select count(*) from catalogue_version where number = 1");
        long measures = Catalogue.count("select count(*) from measure_entry m join catalogue_version v on v.id = m.version_id "
                + "where v.number = 1");
        long events = Catalogue.count("select count(*) from outbox_event where subject = 'catalogue/1'");

        assertThat(seeder.seed()).isFalse();
        assertThat(seeder.seed()).isFalse();

        assertThat(Catalogue.count("select count(*) from catalogue_version where number = 1")).isEqualTo(versions).isEqualTo(1);
        assertThat(Catalogue.count("select count(*) from measure_entry m join catalogue_version v on v.id = m.version_id "
                + "where v.number = 1")).isEqualTo(measures).isEqualTo(16);
        assertThat(Catalogue.count("select count(*) from outbox_event where subject = 'catalogue/1'")).isEqualTo(events).isEqualTo(1);
        assertThat(Catalogue.count("select count(*) from audit_log where action = 'catalogue.seed'")).isEqualTo(1);
    }

    @Test
    void theLaunchBasketIsPublishedOnKafka() {
        try (TopicProbe probe = new TopicProbe(MeasureEvents.TOPIC)) {
            ConsumerRecord<String, String> event = probe.awaitType(MeasureEvents.CATALOGUE_PUBLISHED,
                    payload -> payload.contains("\"version\":1,"));
            assertThat(event.key()).isEqualTo("catalogue");
            assertThat(TopicProbe.header(event, "ce_source")).isEqualTo("/measure-service");
            assertThat(TopicProbe.header(event, "ce_subject")).isEqualTo("catalogue/1");
            JsonPath payload = new JsonPath(event.value());
            assertThat(payload.getInt("officialCount")).isEqualTo(17);
            assertThat(payload.getInt("knownCount")).isEqualTo(16);
            assertThat(payload.getList("measures")).hasSize(16);
            assertThat(payload.getString("effectiveDate")).isEqualTo("2018-11-22");
            assertThat(payload.getList("measures.code")).contains("RECRUTER-01", "SIMPLIFIER-02");
        }
    }
}
