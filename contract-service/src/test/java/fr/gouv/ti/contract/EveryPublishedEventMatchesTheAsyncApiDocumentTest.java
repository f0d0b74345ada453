package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.AsyncApiContract;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Emits each event type of contract-service and validates it against asyncapi.yaml. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "contract"))
class EveryPublishedEventMatchesTheAsyncApiDocumentTest {

    @Test
    void everyEventTypeEmittedIsDocumentedAndMatchesItsSchema() {
        Fixtures.ensureProjections();
        AsyncApiContract contract = AsyncApiContract.load();
        String admin = Identities.nationalAdmin();
        try (TopicProbe probe = new TopicProbe("ti.contract.v1")) {
            // Lezoux - Thiers - Ambert - Montbrison (ti-8413): a later start, the whole lifecycle
            String id = given().header(Identities.HEADER, admin).contentType("application/json")
                    .body("{\"phase\":\"2019-2022\",\"tiId\":\"ti-8413\",\"periodStart\":\"2020-01-01\"}")
                    .post("/api/v1/contracts").then().statusCode(201).extract().path("contractId");
            String sig = Fixtures.signatories("84", "200065886", "200070712", "200070761", "246301097");
            Fixtures.transition(admin, id, "protocol-signature",
                    "{\"effectiveDate\":\"2020-02-03\",\"documentReference\":\"P\",\"signatories\":" + sig + "}").statusCode(200);
            Fixtures.transition(admin, id, "contract-signature",
                    "{\"effectiveDate\":\"2020-09-10\",\"documentReference\":\"C\",\"signatories\":" + sig + "}").statusCode(200);
            String action = given().header(Identities.HEADER, Identities.territoryTeam("2019-2022", "ti-8413"))
                    .contentType("application/json")
                    .body(Fixtures.action("Accélérateur PME", "INNOVER", Fixtures.ACCELERATEURS, "2020-10-01", "200070712", 500_000L))
                    .post("/api/v1/contracts/" + id + "/actions").then().statusCode(201).extract().path("actionId");
            Fixtures.transition(admin, id, "amendments", """
                    {"effectiveDate":"2021-01-20","documentReference":"A1","signatories":%s,
                     "changes":{"summary":"Retrait d'une fiche","actionsRemoved":["%s"]}}""".formatted(sig, action))
                    .statusCode(200);
            Fixtures.transition(admin, id, "closure", "{\"effectiveDate\":\"2022-12-31\",\"documentReference\":\"F\"}")
                    .statusCode(200);
            // Vallée de l'Arve (ti-8414): abandoned during preparation
            String other = Fixtures.openContract(Identities.region("84"), "ti-8414");
            Fixtures.transition(Identities.region("84"), other, "abandonment",
                    "{\"effectiveDate\":\"2019-05-01\",\"documentReference\":\"D\",\"reason\":\"Pas de projet\"}")
                    .statusCode(200);

            List<String> types = List.of("fr.gouv.ti.contract.protocol-signed.v1", "fr.gouv.ti.contract.signed.v1",
                    "fr.gouv.ti.action.created.v1", "fr.gouv.ti.action.updated.v1", "fr.gouv.ti.contract.amended.v1",
                    "fr.gouv.ti.contract.closed.v1", "fr.gouv.ti.contract.abandoned.v1");
            List<ConsumerRecord<String, String>> checked = new ArrayList<>();
            for (String type : types) {
                ConsumerRecord<String, String> r = probe.awaitType(type, p -> p.contains(id) || p.contains(other));
                contract.assertValid(type, r.value());
                checked.add(r);
            }
            assertThat(checked).hasSize(7);
            assertThat(contract.messageTypes()).containsAll(types);
            // every record of these two contracts, whatever its type, is documented and valid
            probe.records().stream().filter(r -> r.key().equals(id) || r.key().equals(other))
                    .forEach(r -> contract.assertValid(TopicProbe.header(r, "ce_type"), r.value()));
        }
    }
}
