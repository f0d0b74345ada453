package fr.gouv.ti.measure;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every refused write answers 4xx application/problem+json and leaves the database exactly as it was. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class RefusedCatalogueEditsWriteNothingTest {

    private static final String VALID = """
            {"axis":"RECRUTER","titleFr":"Mesure de test","operators":["ETAT"],
             "sourceUrl":"https://example.org/source","wording":"PARAPHRASE"}""";

    private int draft;
    private String etag;
    private Map<String, Long> before;

    @BeforeEach
    void openDraft() {
        Object[] d = Catalogue.openDraft("Brouillon de test des refus");
        draft = (int) d[0];
        etag = (String) d[1];
        before = Catalogue.snapshot();
    }

    @AfterEach
    void discardDraft() {
        Catalogue.discardAnyDraft();
    }

    private ValidatableResponse post(String path, String ifMatch, String body) {
        var r = given().header(Identities.HEADER, Catalogue.admin()).contentType("application/json").body(body);
        if (ifMatch != null) {
            r = r.header("If-Match", ifMatch);
        }
        return r.post(path).then().contentType("application/problem+json");
    }

    private void assertNothingWritten() {
        assertThat(Catalogue.snapshot()).isEqualTo(before);
    }

    @Test
    void anUnknownAxisIsRefused() {
        post("/api/v1/catalogue/versions/" + draft + "/measures", etag, VALID.replace("\"RECRUTER\"", "\"RECRUTEMENT\""))
                .statusCode(422).body("status", equalTo(422))
                .body("errors.field", hasItem("axis"))
                .body("detail", containsString("unknown axis RECRUTEMENT"));
        assertNothingWritten();
    }

    @Test
    void anAxisOfTheWrongKindOfCodeIsRefused() {
        post("/api/v1/catalogue/versions/" + draft + "/measures", etag, VALID.replace("\"RECRUTER\"", "\"\""))
                .statusCode(400).body("errors.field", hasItem("axis"));
        assertNothingWritten();
    }

    @Test
    void anUnknownOperatorIsRefused() {
        post("/api/v1/catalogue/versions/" + draft + "/measures", etag,
                VALID.replace("[\"ETAT\"]", "[\"BPIFRANCE\",\"ACME_CONSEIL\"]"))
                .statusCode(422).body("errors.field", hasItem("operators[1]"))
                .body("detail", containsString("unknown operator ACME_CONSEIL"));
        assertNothingWritten();
    }

    @Test
    void aDuplicateCodeIsRefused() {
        post("/api/v1/catalogue/versions/" + draft + "/measures", etag,
                VALID.replace("{", "{\"code\":\"RECRUTER-01\","))
                .statusCode(409).body("type", equalTo("urn:ti:problem:duplicate-measure-code"))
                .body("code", equalTo("RECRUTER-01"));
        assertNothingWritten();
    }

    @Test
    void editingAPublishedVersionIsRefused() {
        String v1 = Catalogue.etag(1);
        String base = "/api/v1/catalogue/versions/1";
        post(base + "/measures", v1, VALID).statusCode(409)
                .body("type", equalTo("urn:ti:problem:version-published")).body("currentState", equalTo("PUBLISHED"));
        given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", v1).contentType("application/json")
                .body(VALID).put(base + "/measures/RECRUTER-01")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:ti:problem:version-published"));
        post(base + "/measures/RECRUTER-01/retire", v1, "{\"retiredOn\":\"2020-01-01\"}").statusCode(409);
        post(base + "/publish", v1, "{\"effectiveDate\":\"2030-01-01\"}").statusCode(409);
        given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", v1)
                .delete(base + "/measures/RECRUTER-01").then().statusCode(409).contentType("application/problem+json");
        given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", v1)
                .delete(base).then().statusCode(409).contentType("application/problem+json");
        assertNothingWritten();
        assertThat(Catalogue.string("select m.title_fr from measure_entry m join catalogue_version v on v.id = m.version_id "
                + "where v.number = 1 and m.code = 'RECRUTER-01'"))
                .isEqualTo("Expérimenter un « Volontariat Territorial en Entreprise » (VTE) dans les Territoires d'industrie");
    }

    @Test
    void thePublishedVersionIsFrozenInTheDatabaseToo() throws SQLException {
        try (Connection c = Catalogue.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update measure_entry set title_fr = 'x' where version_id = "
                    + "(select id from catalogue_version where number = 1)"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate("update catalogue_version set label = 'x' where number = 1"))
                    .hasMessageContaining("immutable");
        }
        assertNothingWritten();
    }

    @Test
    void anEditWithoutIfMatchOrWithAStaleOneIsRefused() {
        post("/api/v1/catalogue/versions/" + draft + "/measures", null, VALID).statusCode(428)
                .body("currentETag", equalTo(etag));
        post("/api/v1/catalogue/versions/" + draft + "/measures", "\"" + draft + ".999\"", VALID).statusCode(412)
                .body("currentETag", equalTo(etag));
        assertNothingWritten();
    }

    @Test
    void onlyTheNationalAdministratorEditsTheCatalogue() {
        given().header(Identities.HEADER, Identities.region("84")).header("If-Match", etag)
                .contentType("application/json").body(VALID).post("/api/v1/catalogue/versions/" + draft + "/measures")
                .then().statusCode(403).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.operator("BPIFRANCE")).contentType("application/json")
                .body("{\"label\":\"x\"}").post("/api/v1/catalogue/versions")
                .then().statusCode(403).contentType("application/problem+json");
        given().header(Identities.HEADER, Identities.anonymous()).header("If-Match", etag)
                .contentType("application/json").body(VALID).post("/api/v1/catalogue/versions/" + draft + "/measures")
                .then().statusCode(401).contentType("application/problem+json");
        // a draft is not public
        given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/catalogue/versions/" + draft)
                .then().statusCode(404).contentType("application/problem+json");
        assertNothingWritten();
    }

    @Test
    void malformedBodiesAreRefused() {
        String path = "/api/v1/catalogue/versions/" + draft + "/measures";
        post(path, etag, VALID.replace("}", ",\"envelopeCents\":12.5}")).statusCode(400);
        post(path, etag, VALID.replace("}", ",\"envelopeCents\":\"100\"}")).statusCode(400);
        post(path, etag, VALID.replace("}", ",\"envelopeCents\":-1}")).statusCode(400)
                .body("errors.field", hasItem("envelopeCents"));
        post(path, etag, VALID.replace("}", ",\"colour\":\"blue\"}")).statusCode(400)
                .body("detail", containsString("colour"));
        post(path, etag, VALID.replace("PARAPHRASE", "OFFICIEL")).statusCode(400);
        post(path, etag, VALID.replace("https://example.org/source", "example.org")).statusCode(400)
                .body("errors.field", hasItem("sourceUrl"));
        post(path, etag, VALID.replace(",\n \"sourceUrl\":\"https://example.org/source\"", "")).statusCode(422)
                .body("errors.field", hasItem("sourceUrl"));
        post(path, etag, VALID.replace("}", ",\"validFrom\":\"2021-01-01\",\"validTo\":\"2020-01-01\"}"))
                .statusCode(422).body("errors.field", hasItem("validTo"));
        post(path, etag, VALID.replace("}", ",\"validFrom\":\"2021-13-01\"}")).statusCode(400);
        post(path, etag, "{\"axis\":").statusCode(400);
        assertNothingWritten();
    }

    @Test
    void aVersionCannotTakeEffectBeforeTheLatestOne() {
        post("/api/v1/catalogue/versions/" + draft + "/publish", etag, "{\"effectiveDate\":\"2018-01-01\"}")
                .statusCode(422).body("errors.field", hasItem("effectiveDate"));
        assertNothingWritten();
    }

    @Test
    void anEmptyStringIsNotANumber() {
        given().header(Identities.HEADER, Catalogue.admin()).contentType("application/json")
                .body("{\"label\":\"Brouillon\",\"officialCount\":\"\"}").post("/api/v1/catalogue/versions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("officialCount"));
        assertNothingWritten();
    }

    @Test
    void aSecondDraftIsRefused() {
        given().header(Identities.HEADER, Catalogue.admin()).contentType("application/json")
                .body("{\"label\":\"Autre brouillon\"}").post("/api/v1/catalogue/versions")
                .then().statusCode(409).contentType("application/problem+json")
                .body("draftNumber", equalTo(draft));
        assertNothingWritten();
    }

    @Test
    void aPublishedMeasureIsRetiredNotRemoved() {
        given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                .delete("/api/v1/catalogue/versions/" + draft + "/measures/RECRUTER-01")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:ti:problem:measure-published"));
        assertNothingWritten();
    }

    @Test
    void aValidEditIsAcceptedWithTheSameIfMatchAndChangesTheETag() {
        // the control case: the refusals above are refusals, not a broken endpoint
        var r = given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", etag)
                .contentType("application/json").body(VALID)
                .post("/api/v1/catalogue/versions/" + draft + "/measures").then().statusCode(201).extract();
        assertThat(r.jsonPath().getString("code")).matches("RECRUTER-\\d{2}");
        assertThat(r.header("ETag")).isNotEqualTo(etag);
        assertThat(r.header("Location")).endsWith("/api/v1/catalogue/versions/" + draft + "/measures/"
                + r.jsonPath().getString("code"));
        assertThat(Catalogue.count("select count(*) from measure_entry")).isEqualTo(before.get("measures") + 1);
        // removing a measure added in this draft is allowed
        given().header(Identities.HEADER, Catalogue.admin()).header("If-Match", r.header("ETag"))
                .delete("/api/v1/catalogue/versions/" + draft + "/measures/" + r.jsonPath().getString("code"))
                .then().statusCode(204);
    }
}
