package fr.gouv.ti.territory;

import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import fr.gouv.ti.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "territory"))
class TerritoryLabellingTest {

    @Test
    void labellingATerritoryStoresItAndPublishesACloudEvent() throws Exception {
        try (TopicProbe probe = new TopicProbe("ti.territory.v1")) {
            given().header(Identities.HEADER, Identities.nationalAdmin())
                    .contentType("application/json")
                    .body("""
                            {"phase":"2030-2034","tiId":"ti-8499","name":"Territoire de test","regionCode":"84"}""")
                    .post("/api/v1/territories")
                    .then().statusCode(201)
                    // never the service's own address (issue 18, finding 10): relative, unless ti.public-base-url is set
                    .header("Location", org.hamcrest.Matchers.equalTo("/api/v1/territories/2030-2034/ti-8499"));

            try (Connection c = java.sql.DriverManager.getConnection(EmbeddedInfrastructure.database("territory"),
                    "postgres", "postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select name from territory where phase = '2030-2034' and ti_id = 'ti-8499'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Territoire de test");
            }

            ConsumerRecord<String, String> event = probe.awaitType("fr.gouv.ti.territory.labelled.v1",
                    payload -> payload.contains("ti-8499"));
            assertThat(event.key()).isEqualTo("2030-2034/ti-8499");
            assertThat(TopicProbe.header(event, "ce_source")).isEqualTo("/territory-service");
            assertThat(TopicProbe.header(event, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicProbe.header(event, "ce_id")).isNotBlank();
            assertThat(TopicProbe.header(event, "content-type")).isEqualTo("application/json");
        }
    }

    @Test
    void aRequestWithoutGatewayIdentityIsRefused() {
        given().get("/api/v1/territories").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void anInvalidBodyIsRefusedWithFieldErrors() {
        given().header(Identities.HEADER, Identities.nationalAdmin())
                .contentType("application/json")
                .body("{\"phase\":\"2019\",\"tiId\":\"x\",\"name\":\"\",\"regionCode\":\"84\"}")
                .post("/api/v1/territories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("phase", "tiId", "name"));
    }
}
