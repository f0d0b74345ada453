package fr.gouv.ti.measure;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Public reads of the launch basket (version 1): filters, accent-insensitive text, paging, reference data. */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
class MeasureQueriesTest {

    /** On the management interface, not the API port (issue 18, finding 8). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/openapi", management = true)
    java.net.URL openapi;

    private static RequestSpecification anonymous() {
        return given().header(Identities.HEADER, Identities.anonymous());
    }

    private static List<String> codes(String... params) {
        var r = anonymous().queryParam("version", 1).queryParam("limit", 500);
        for (int i = 0; i + 1 < params.length; i += 2) {
            r = r.queryParam(params[i], params[i + 1]);
        }
        return r.get("/api/v1/measures").then().statusCode(200).extract().jsonPath().getList("items.code");
    }

    @Test
    void filtersByAxisOperatorPhaseAndStatus() {
        assertThat(codes("axis", "RECRUTER")).hasSize(6).allMatch(c -> c.startsWith("RECRUTER-"));
        assertThat(codes("operator", "BPIFRANCE")).containsExactly("INNOVER-01", "INNOVER-02", "INNOVER-03", "RECRUTER-01");
        assertThat(codes("operator", "FRANCE_TRAVAIL")).containsExactly("RECRUTER-04");
        assertThat(codes("operator", "POLE_EMPLOI")).containsExactly("RECRUTER-04");
        assertThat(codes("operator", "ETAT", "axis", "SIMPLIFIER")).containsExactly("SIMPLIFIER-01", "SIMPLIFIER-02");
        assertThat(codes("phase", "2019-2022")).hasSize(16);
        assertThat(codes("phase", "2023-2027")).isEmpty();
        assertThat(codes("status", "ACTIVE")).hasSize(16);
        assertThat(codes("status", "RETIRED")).isEmpty();
    }

    @Test
    void textSearchIgnoresAccentsAndCase() {
        assertThat(codes("q", "ecoles")).containsExactly("RECRUTER-05");
        assertThat(codes("q", "ÉCOLES DE PRODUCTION")).containsExactly("RECRUTER-05");
        assertThat(codes("q", "ecologie industrielle")).containsExactly("ATTIRER-01", "ATTIRER-05");
        assertThat(codes("q", "oeuvre")).containsExactly("SIMPLIFIER-02");
        assertThat(codes("q", "pole emploi")).containsExactly("RECRUTER-04");
        assertThat(codes("q", "50 %")).containsExactly("ATTIRER-02");
        assertThat(codes("q", "%")).containsExactly("ATTIRER-02");
        assertThat(codes("q", "recruter-01")).containsExactly("RECRUTER-01");
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var r = anonymous().queryParam("version", 1).queryParam("limit", 5);
            if (cursor != null) {
                r = r.queryParam("cursor", cursor);
            }
            JsonPath page = r.get("/api/v1/measures").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.code"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(16).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void getsAMeasureByCodeWithOperatorNamesOfTheTime() {
        anonymous().queryParam("version", 1).get("/api/v1/measures/RECRUTER-04").then().statusCode(200)
                .body("operators[0].code", equalTo("FRANCE_TRAVAIL"))
                .body("operators[0].name", equalTo("France Travail"))
                .body("axisLabel", equalTo("Recruter"))
                .body("sourceUrl", equalTo("https://www.lagazettedescommunes.com/611504/territoires-dindustrie-ce-sera-finalement-136-intercos/"));
        anonymous().queryParam("asOf", "2019-03-05").get("/api/v1/measures/RECRUTER-04").then().statusCode(200)
                .body("operators[0].name", equalTo("Pôle emploi"));
        anonymous().queryParam("version", 1).get("/api/v1/measures/NOPE-01").then().statusCode(404)
                .contentType("application/problem+json");
        anonymous().queryParam("asOf", "2010-01-01").get("/api/v1/measures").then().statusCode(404)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("2018-11-22"));
    }

    @Test
    void badFiltersAreClientErrors() {
        anonymous().queryParam("axis", "RECRUTEMENT").get("/api/v1/measures").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("axis"));
        anonymous().queryParam("operator", "ACME").get("/api/v1/measures").then().statusCode(400)
                .body("errors.field", hasItem("operator"));
        anonymous().queryParam("status", "DELETED").get("/api/v1/measures").then().statusCode(400);
        anonymous().queryParam("phase", "2019").get("/api/v1/measures").then().statusCode(400);
        anonymous().queryParam("asOf", "yesterday").get("/api/v1/measures").then().statusCode(400)
                .body("errors.field", hasItem("asOf"));
        anonymous().queryParam("version", "one").get("/api/v1/measures").then().statusCode(400);
        anonymous().queryParam("version", 1).queryParam("asOf", "2020-01-01").get("/api/v1/measures").then().statusCode(400);
        anonymous().queryParam("limit", 0).get("/api/v1/measures").then().statusCode(400);
        anonymous().queryParam("cursor", "%%%").get("/api/v1/measures").then().statusCode(400);
        anonymous().get("/api/v1/catalogue/diff").then().statusCode(400).contentType("application/problem+json");
        anonymous().queryParam("from", 1).queryParam("to", 999).get("/api/v1/catalogue/diff").then().statusCode(404);
        given().get("/api/v1/measures").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void axesAndOperatorsAreReferenceData() {
        anonymous().queryParam("phase", "2023-2027").get("/api/v1/axes").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.contains("TRANSITION_ECOLOGIQUE", "INNOVATION",
                        "COMPETENCES_RECRUTEMENT", "FONCIER_INDUSTRIEL"));
        anonymous().get("/api/v1/axes").then().statusCode(200).body("size()", equalTo(8));
        anonymous().get("/api/v1/operators").then().statusCode(200).body("size()", equalTo(9));
        anonymous().queryParam("asOf", "2023-12-31").get("/api/v1/operators/FRANCE_TRAVAIL").then().statusCode(200)
                .body("name", equalTo("Pôle emploi"));
        anonymous().queryParam("asOf", "2024-01-01").get("/api/v1/operators/FRANCE_TRAVAIL").then().statusCode(200)
                .body("name", equalTo("France Travail"));
        anonymous().get("/api/v1/operators/POLE_EMPLOI").then().statusCode(200)
                .body("code", equalTo("FRANCE_TRAVAIL")).body("aliases", hasItem("POLE_EMPLOI"))
                .body("names.validTo", hasItem("2023-12-31"));
        anonymous().get("/api/v1/operators/ACME").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesTheService() {
        given().get(openapi.toString()).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/catalogue/diff"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("TODO")));
    }
}
