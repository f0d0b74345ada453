package fr.gouv.ti.measure;

import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.Identities;
import io.restassured.path.json.JsonPath;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Test helpers: drive the catalogue through its API as the national administrator, and read the database directly. */
final class Catalogue {

    static final String DB = "measure";

    private Catalogue() {
    }

    static String admin() {
        return Identities.nationalAdmin();
    }

    /** Discards a draft left open (by another test class), so that a test can open its own. */
    static void discardAnyDraft() {
        List<Integer> drafts = given().header(Identities.HEADER, admin()).queryParam("limit", 500)
                .get("/api/v1/catalogue/versions").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.status == 'DRAFT' }.number", Integer.class);
        for (int n : drafts) {
            given().header(Identities.HEADER, admin()).header("If-Match", etag(n))
                    .delete("/api/v1/catalogue/versions/" + n).then().statusCode(204);
        }
    }

    /** Opens a fresh draft; returns {number, etag}. */
    static Object[] openDraft(String label) {
        discardAnyDraft();
        var r = given().header(Identities.HEADER, admin()).contentType("application/json")
                .body("{\"label\":\"" + label + "\"}")
                .post("/api/v1/catalogue/versions").then().statusCode(201).extract();
        return new Object[]{r.jsonPath().getInt("number"), r.header("ETag")};
    }

    static java.time.LocalDate laterOf(java.time.LocalDate a, java.time.LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static String etag(int number) {
        return given().header(Identities.HEADER, admin()).get("/api/v1/catalogue/versions/" + number)
                .then().statusCode(200).extract().header("ETag");
    }

    /** The version in force today (tests publish with past effective dates, so it is also the latest). */
    static JsonPath current() {
        return given().header(Identities.HEADER, Identities.anonymous()).get("/api/v1/catalogue/versions/current")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The body of a MeasureRequest rebuilt from a measure as the API returns it, with a new French title. */
    static Map<String, Object> requestFrom(JsonPath m, String titleFr) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("axis", m.getString("axis"));
        body.put("titleFr", titleFr);
        body.put("titleEn", m.getString("titleEn"));
        body.put("description", m.getString("description"));
        body.put("operators", m.getList("operators.code"));
        body.put("envelopeCents", m.get("envelopeCents"));
        body.put("validFrom", m.getString("validFrom"));
        body.put("validTo", m.getString("validTo"));
        body.put("firstSeen", m.getString("firstSeen"));
        body.put("sourceUrl", m.getString("sourceUrl"));
        body.put("sourceCitation", m.getString("sourceCitation"));
        body.put("wording", m.getString("wording"));
        body.put("wordingNote", m.getString("wordingNote"));
        return body;
    }

    static long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String string(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything a refused write must leave untouched. */
    static Map<String, Long> snapshot() {
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("versions", count("select count(*) from catalogue_version"));
        s.put("revisions", count("select coalesce(sum(revision), 0) from catalogue_version"));
        s.put("measures", count("select count(*) from measure_entry"));
        s.put("measureOperators", count("select count(*) from measure_operator"));
        s.put("lastMeasureUpdate", count("select coalesce(extract(epoch from max(updated_at)) * 1000000, 0)::bigint "
                + "from measure_entry"));
        s.put("audit", count("select count(*) from audit_log"));
        s.put("outbox", count("select count(*) from outbox_event"));
        return s;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(EmbeddedInfrastructure.database(DB), "postgres", "postgres");
    }
}
