package fr.gouv.ti.measure;

import fr.gouv.ti.measure.convention.ConventionSeeder;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.PostgresKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The four conventions de mobilisation signed at the first general assembly of the Territoires d'industrie in Lyon
 * (5-6 March 2019), recorded as the sources state them: signed on 5 March 2019 (the Banque des Territoires' Localtis
 * and the Caisse des Dépôts both give that day; the seed article gives the two days of the assembly), in Lyon, by
 * the two ministers for the State; the Banque des Territoires' money with its amount, services for the others, each
 * commitment with its source; no document reference, no operator signatory, no amount invented.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "measure"))
@SuppressWarnings("unchecked")
class TheFourConventionsOfLyonAreListedAsTheSourcesStateThemTest {

    static final String S8 = "https://www.caissedesdepots.fr/en/news/territoires-dindustrie-banque-des-territoires-mobilized-favou";
    static final String S9 = "https://banquedesterritoires.fr/territoires-dindustrie-les-operateurs-publics-sengagent";
    static final String S10 = "https://www.lagazettedescommunes.com/611504/territoires-dindustrie-ce-sera-finalement-136-intercos/";
    static final String S11 = "https://vipress.net/1-referent-unique-pour-chacun-des-136-territoires-dindustrie";
    static final String S48 = "https://ifrap.org/budget-et-fiscalite/les-territoires-dindustrie-un-exemple-de-non-evaluation";

    @Inject
    ConventionSeeder seeder;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/openapi", management = true)
    java.net.URL openapi;

    private static RequestSpecification anonymous() {
        return given().header(Identities.HEADER, Identities.anonymous());
    }

    private static List<Map<String, Object>> all() {
        return anonymous().get("/api/v1/catalogue/conventions").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void fourConventionsSignedOnTheFifthOfMarch2019InLyonByTheStateAndEachOperator() {
        List<Map<String, Object>> items = all();
        assertThat(items).extracting(c -> c.get("code")).containsExactly(
                "CONV-2019-BDT", "CONV-2019-BPIFRANCE", "CONV-2019-BUSINESS-FRANCE", "CONV-2019-POLE-EMPLOI");
        assertThat(items).extracting(c -> c.get("operator")).containsExactly(
                "BANQUE_DES_TERRITOIRES", "BPIFRANCE", "BUSINESS_FRANCE", "FRANCE_TRAVAIL");
        // the name the operator had on the day: Pôle emploi, renamed France Travail in 2024
        assertThat(items).extracting(c -> c.get("operatorName")).containsExactly(
                "Banque des Territoires", "Bpifrance", "Business France", "Pôle emploi");
        assertThat(items).allSatisfy(c -> {
            assertThat(c.get("signedOn")).isEqualTo("2019-03-05");
            assertThat(c.get("signedOnSource")).isEqualTo(S9);
            assertThat(c.get("place")).isEqualTo("Lyon");
            assertThat((String) c.get("occasion")).contains("assemblée générale").contains("5 et 6 mars 2019");
            assertThat(c.get("durationYears")).isEqualTo(4);
            assertThat(c.get("durationSource")).isEqualTo(S48);
            assertThat(c.get("sourceUrl")).isIn(S8, S9);
            // no source gives the document's number or reference: absent, and said so
            assertThat(c).doesNotContainKey("documentReference");
            assertThat((List<Object>) c.get("notInSources")).contains("documentReference");

            List<Map<String, Object>> parties = cast(c.get("parties"));
            assertThat(parties).extracting(p -> p.get("operator")).containsExactly("ETAT", c.get("operator"));
            assertThat(parties).extracting(p -> p.get("role")).containsExactly("STATE", "OPERATOR");
            // the State signed through its two ministers; who signed for the operator is not in the sources
            List<Map<String, Object>> state = cast(parties.get(0).get("signatories"));
            assertThat(state).extracting(s -> s.get("name")).containsExactly("Jacqueline Gourault", "Agnès Pannier-Runacher");
            assertThat(state).allSatisfy(s -> assertThat(s.get("sourceUrl")).isEqualTo(S11));
            assertThat(parties.get(1)).doesNotContainKey("signatories");
            assertThat((List<Object>) c.get("notInSources")).contains("parties[" + c.get("operator") + "].signatories");
        });
    }

    @Test
    void theBanqueDesTerritoiresCommitsMoneyWithTheAmountTheSourcesGiveAndNothingMore() {
        JsonPath bdt = anonymous().get("/api/v1/catalogue/conventions/CONV-2019-BDT").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> commitments = bdt.getList("commitments");
        assertThat(commitments).extracting(k -> k.get("kind"))
                .containsExactly("MONEY", "MONEY", "MONEY", "MONEY", "SERVICE");
        // about EUR 100M a year of equity until 2022: the one amount the sources state
        Map<String, Object> equity = commitments.get(0);
        assertThat(((Number) equity.get("amountCents")).longValue()).isEqualTo(10_000_000_000L);
        assertThat(equity.get("amountBasis")).isEqualTo("PER_YEAR");
        assertThat(equity.get("period")).isEqualTo("2019-2022");
        assertThat(equity.get("sourceUrl")).isEqualTo(S9);
        assertThat((String) equity.get("description")).contains("fonds propres").contains("friches");
        assertThat((String) equity.get("note")).contains("400M").contains(S10);
        // engineering co-funding up to 50%, GPI/PIA funds, savings-fund loans: no amount in the sources
        assertThat(commitments.subList(1, 4)).allSatisfy(k -> assertThat(k).doesNotContainKeys("amountCents", "amountBasis"));
        assertThat((String) commitments.get(1).get("description")).contains("50 %");
        assertThat(bdt.getList("notInSources", String.class)).contains(
                "commitments[2].amountCents", "commitments[3].amountCents", "commitments[4].amountCents");
        assertThat(commitments.get(4).get("measures")).isEqualTo(List.of("SIMPLIFIER-01"));
        assertThat(commitments.get(0).get("measures")).isEqualTo(List.of("ATTIRER-01"));
    }

    @Test
    void theOtherThreeCommitServicesOnlyAndNoEuroAmountIsInvented() {
        for (String code : List.of("CONV-2019-BPIFRANCE", "CONV-2019-BUSINESS-FRANCE", "CONV-2019-POLE-EMPLOI")) {
            JsonPath c = anonymous().get("/api/v1/catalogue/conventions/" + code).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> commitments = c.getList("commitments");
            assertThat(commitments).isNotEmpty().allSatisfy(k -> {
                assertThat(k.get("kind")).isEqualTo("SERVICE");
                assertThat(k).doesNotContainKeys("amountCents", "amountBasis");
            });
            // every operator names a single contact per territory
            assertThat(commitments).anySatisfy(k -> assertThat((String) k.get("description")).contains("référent unique"));
            assertThat(c.getList("notInSources", String.class)).anySatisfy(s -> assertThat(s).startsWith("money commitments"));
        }
        List<Map<String, Object>> pe = anonymous().get("/api/v1/catalogue/conventions/CONV-2019-POLE-EMPLOI")
                .then().statusCode(200).extract().jsonPath().getList("commitments");
        assertThat(pe).extracting(k -> k.get("sourceUrl")).containsExactly(S10, S10, S9);
        assertThat(pe.get(1).get("period")).isEqualTo("from summer 2019");
        List<Map<String, Object>> bpi = anonymous().get("/api/v1/catalogue/conventions/CONV-2019-BPIFRANCE")
                .then().statusCode(200).extract().jsonPath().getList("commitments");
        assertThat((String) bpi.get(1).get("description")).contains("VTE");
        assertThat(bpi.get(1).get("sourceUrl")).isEqualTo(S8);
    }

    @Test
    void everyCommitmentCarriesItsSource() {
        assertThat(all()).flatExtracting(c -> cast(c.get("commitments"))).hasSize(13).allSatisfy(k ->
                assertThat((String) ((Map<?, ?>) k).get("sourceUrl")).matches("https?://\\S+"));
    }

    @Test
    void measuresNameTheConventionsTheyComeFromAndOnlyThose() {
        assertThat(conventionsOf("ATTIRER-01")).containsExactly("CONV-2019-BDT");
        assertThat(conventionsOf("ATTIRER-03")).containsExactly("CONV-2019-BUSINESS-FRANCE");
        assertThat(conventionsOf("RECRUTER-01")).containsExactly("CONV-2019-BPIFRANCE");
        assertThat(conventionsOf("RECRUTER-04")).containsExactly("CONV-2019-POLE-EMPLOI");
        assertThat(conventionsOf("SIMPLIFIER-01")).containsExactly(
                "CONV-2019-BDT", "CONV-2019-BPIFRANCE", "CONV-2019-BUSINESS-FRANCE", "CONV-2019-POLE-EMPLOI");
        // no source links these to a convention
        assertThat(conventionsOf("INNOVER-01")).isNull();
        assertThat(conventionsOf("SIMPLIFIER-02")).isNull();
    }

    private static List<String> conventionsOf(String measure) {
        Map<String, Object> m = anonymous().queryParam("version", 1).get("/api/v1/measures/" + measure).then()
                .statusCode(200).extract().jsonPath().getMap("$");
        // a measure no source links to a convention has no conventions field at all (never null, never [])
        return m.containsKey("conventions") ? (List<String>) m.get("conventions") : null;
    }

    @Test
    void filterByOperatorAndPageThroughWithTheCursor() {
        assertThat(anonymous().queryParam("operator", "POLE_EMPLOI").get("/api/v1/catalogue/conventions")
                .then().statusCode(200).extract().jsonPath().getList("items.code"))
                .containsExactly("CONV-2019-POLE-EMPLOI");
        assertThat(anonymous().queryParam("operator", "ETAT").get("/api/v1/catalogue/conventions")
                .then().statusCode(200).extract().jsonPath().getList("items.code")).hasSize(4);
        anonymous().queryParam("operator", "NOBODY").get("/api/v1/catalogue/conventions").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors.field", hasItem("operator"));

        JsonPath first = anonymous().queryParam("limit", 3).get("/api/v1/catalogue/conventions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("items.code")).hasSize(3);
        JsonPath second = anonymous().queryParam("limit", 3).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/catalogue/conventions").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.code")).containsExactly("CONV-2019-POLE-EMPLOI");
        assertThat(second.getString("nextCursor")).isNull();
        anonymous().queryParam("limit", 0).get("/api/v1/catalogue/conventions").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void anUnknownConventionIsA404ProblemAndAMalformedCodeA400() {
        anonymous().get("/api/v1/catalogue/conventions/CONV-2019-ADEME").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", org.hamcrest.Matchers.equalTo(404)).body("detail", containsString("CONV-2019-ADEME"));
        anonymous().get("/api/v1/catalogue/conventions/bdt").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors.field", hasItem("code"));
    }

    @Test
    void seededOnceWhateverTheRestarts() {
        long conventions = Catalogue.count("select count(*) from convention");
        long commitments = Catalogue.count("select count(*) from convention_commitment");
        assertThat(seeder.seed()).isFalse();
        assertThat(seeder.seed()).isFalse();
        assertThat(Catalogue.count("select count(*) from convention")).isEqualTo(conventions).isEqualTo(4);
        assertThat(Catalogue.count("select count(*) from convention_commitment")).isEqualTo(commitments).isEqualTo(13);
        assertThat(Catalogue.count("select count(*) from convention_signatory")).isEqualTo(8);
        assertThat(Catalogue.count("select count(*) from convention_seed_run where dataset = 'conventions-2019'"))
                .isEqualTo(1);
        assertThat(Catalogue.count("select count(*) from audit_log where action = 'convention.seed'")).isEqualTo(1);
    }

    @Test
    void theConventionsAreInTheOpenApiDocument() {
        given().accept("application/json").get(openapi.toString()).then().statusCode(200)
                .body("paths.'/api/v1/catalogue/conventions'.get.operationId", org.hamcrest.Matchers.equalTo("listConventions"))
                .body("paths.'/api/v1/catalogue/conventions'.get.responses.'400'", notNullValue())
                .body("paths.'/api/v1/catalogue/conventions/{code}'.get.operationId", org.hamcrest.Matchers.equalTo("getConvention"))
                .body("paths.'/api/v1/catalogue/conventions/{code}'.get.responses.'404'", notNullValue())
                .body("components.schemas.Convention.properties.commitments", notNullValue())
                .body("components.schemas.Measure.properties.conventions", notNullValue());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cast(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
