package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A redelivered event changes nothing; unknown types are ignored; perimeter history is kept. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class ProjectionsAreIdempotentAndTolerantTest {

    @Test
    void aRedeliveredEventIsHandledOnceAndUnknownTypesAreIgnored() {
        String key = "2030-2034/ti-0001";
        String eventId = UUID.randomUUID().toString();
        String first = """
                {"phase":"2030-2034","tiId":"ti-0001","name":"Premier nom","regionCode":"84","departmentCodes":["42"],
                 "status":"LABELLED","labelledOn":"2030-01-10","futureField":{"x":1},
                 "perimeter":[{"siren":"200035731","name":"CA Roannais Agglomération","nature":"CA","departmentCodes":["42"],
                               "validFrom":"2030-01-10","validTo":"2031-06-30"}],"pilots":[]}""";
        TopicProbe.send("ti.territory.v1", key, first, "ce_id", eventId, "ce_type", "fr.gouv.ti.territory.labelled.v1",
                "ce_source", "/territory-service", "content-type", "application/json");
        // same id, other content: a redelivery, ignored
        TopicProbe.send("ti.territory.v1", key, first.replace("Premier nom", "Autre nom"), "ce_id", eventId,
                "ce_type", "fr.gouv.ti.territory.labelled.v1", "ce_source", "/territory-service",
                "content-type", "application/json");
        // an event type this service does not know
        String unknownId = UUID.randomUUID().toString();
        TopicProbe.send("ti.territory.v1", key, "{\"anything\":true}", "ce_id", unknownId,
                "ce_type", "fr.gouv.ti.territory.renamed.v7", "ce_source", "/territory-service",
                "content-type", "application/json");
        // then an update with another id: still handled (the partition was not blocked)
        String later = first.replace("Premier nom", "Nom mis à jour");
        TopicProbe.send("ti.territory.v1", key, later, "ce_id", UUID.randomUUID().toString(),
                "ce_type", "fr.gouv.ti.territory.updated.v1", "ce_source", "/territory-service",
                "content-type", "application/json");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "Nom mis à jour".equals(Db.string("select name from territory_projection where territory_key = ?", key)));
        assertThat(Db.count("select count(*) from processed_event where event_id = ?", eventId)).isEqualTo(1);
        assertThat(Db.count("select count(*) from processed_event where event_id = ?", unknownId)).isEqualTo(1);
        // the past member keeps its dates
        assertThat(Db.string("select valid_to::text from territory_perimeter_projection where territory_key = ?", key))
                .isEqualTo("2031-06-30");
        assertThat(Db.count("select count(*) from territory_perimeter_projection where territory_key = ?", key)).isEqualTo(1);
    }
}
