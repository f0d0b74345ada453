package fr.gouv.ti.measure;

import fr.gouv.ti.measure.service.MeasureEvents;
import fr.gouv.ti.measure.service.ReferencePublisher;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/**
 * measure-service owns the operators, axes and funding sources and publishes them as one snapshot
 * (reference.published), which contract-service and funding-service validate their codes against.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class OperatorsAxesAndFundingSourcesArePublishedByTheirOneOwnerTest {

    @Inject
    ReferencePublisher publisher;

    @Test
    void theFundingSourcesAreListedWithTheirSources() {
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/catalogue/funding-sources")
                .then().statusCode(200)
                .body("code", contains("PIC", "PIA", "BANQUE_DES_TERRITOIRES"))
                .body("find { it.code == 'PIC' }.name", equalTo("Plan d'investissement dans les compétences"))
                .body("find { it.code == 'BANQUE_DES_TERRITOIRES' }.operator", equalTo("BANQUE_DES_TERRITOIRES"))
                .body("find { it.code == 'PIA' }", not(hasKey("operator")))
                .body("find { it.code == 'PIA' }.source", equalTo(
                        "https://www.linfodurable.fr/le-gouvernement-veut-developper-les-territoires-dindustrie-7547"));
        // no source gives an operator's SIRET: the field is absent, not invented
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/operators/BPIFRANCE")
                .then().statusCode(200).body("$", not(hasKey("siret")));
    }

    @Test
    void theStartPublishesOneSnapshotAndAnUnchangedStartPublishesNone() {
        try (TopicProbe probe = new TopicProbe(MeasureEvents.TOPIC)) {
            ConsumerRecord<String, String> r = probe.awaitType(MeasureEvents.REFERENCE_PUBLISHED, p -> true);
            assertThat(r.key()).isEqualTo(MeasureEvents.CATALOGUE_KEY);
            JsonPath p = new JsonPath(r.value());
            assertThat(p.getInt("version")).isEqualTo(1);
            assertThat(p.getList("operators.code")).contains("BANQUE_DES_TERRITOIRES", "BPIFRANCE", "FRANCE_TRAVAIL",
                    "ETAT").hasSize(9);
            assertThat(p.getList("operators.find { it.code == 'FRANCE_TRAVAIL' }.aliases")).containsExactly("POLE_EMPLOI");
            assertThat(p.getString("operators.find { it.code == 'FRANCE_TRAVAIL' }.officialName"))
                    .isEqualTo("France Travail");
            assertThat(p.getList("axes.code")).hasSize(8).contains("RECRUTER", "FONCIER_INDUSTRIEL");
            assertThat(p.getList("fundingSources.code")).containsExactly("PIC", "PIA", "BANQUE_DES_TERRITOIRES");
        }
        // the data did not change since: nothing new is published, the version stays 1
        assertThat(publisher.publishIfChanged()).isEqualTo(-1);
    }
}
